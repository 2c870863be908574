"""The tutorial's network: Linear in→6→4→1 with a sigmoid after each layer."""

from __future__ import annotations

import torch


class DiabetesModel(torch.nn.Module):
    # Layers are created in the tutorial's order so that the same seed gives the same initial weights.
    def __init__(self, in_features: int = 8):
        super().__init__()
        self.linear1 = torch.nn.Linear(in_features, 6)
        self.linear2 = torch.nn.Linear(6, 4)
        self.linear3 = torch.nn.Linear(4, 1)
        self.sigmoid = torch.nn.Sigmoid()

    def forward(self, x):
        x = self.sigmoid(self.linear1(x))
        x = self.sigmoid(self.linear2(x))
        x = self.sigmoid(self.linear3(x))
        return x
