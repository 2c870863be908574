"""The window's live views of a run, each implementing session.views.RunView (reset, append, epoch_ended,
finished, save_state, restore_state). The window keeps one list of them (MainWindow.views); a new view is one file
here and one line in that list."""
