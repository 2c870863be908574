<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../diabetes_trainer/gui/about_dialog.py" line="+31"/>
        <location line="+1"/>
        <source>About {app}</source>
        <translation>关于 {app}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Program icon</source>
        <translation>程序图标</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Versions</source>
        <translation>版本</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Follows the Dataset and DataLoader lesson of the PyTorch tutorial it is built on (the diabetes table of the PyTorchZeroToAll course): the 8-6-4-1 sigmoid network, mini-batches and num_workers. The bundled sample data is synthetic, made by this program&apos;s authors: it is not medical data.</source>
        <translation>本程序依据 PyTorch 教程中 Dataset 与 DataLoader 一课（使用 PyTorchZeroToAll 课程的糖尿病数据表）：8-6-4-1 sigmoid 网络、小批量（mini-batch）与 num_workers。自带的示例数据是本程序作者生成的合成数据，不是医疗数据。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Credits</source>
        <translation>致谢</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy versions</source>
        <translation>复制版本信息</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy the versions</source>
        <translation>复制版本信息</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy these versions as text, to paste into a lab report or a bug report.</source>
        <translation>以文本形式复制这些版本信息，可粘贴到实验报告或错误报告中。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>starting…</source>
        <translation>正在启动…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Python (this window)</source>
        <translation>Python（本窗口）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Logical cores</source>
        <translation>逻辑核心数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PyTorch (training process)</source>
        <translation>PyTorch（训练进程）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Python (training process)</source>
        <translation>Python（训练进程）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CUDA GPU</source>
        <translation>CUDA GPU</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Apple MPS</source>
        <translation>Apple MPS</translation>
    </message>
</context>
<context>
    <name>AccuracyPlot</name>
    <message>
        <location filename="../../diabetes_trainer/gui/plots/accuracy_plot.py" line="+27"/>
        <source>Accuracy per epoch</source>
        <translation>每轮准确率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Share of rows the network classifies correctly after each epoch, on the training rows and on the validation rows</source>
        <translation>每个轮次结束后，网络在训练行和验证行上分类正确的比例</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Training accuracy</source>
        <translation>训练准确率</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>always answering {label}: {share} %</source>
        <translation>全部回答 {label}：{share} %</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Validation accuracy</source>
        <translation>验证准确率</translation>
    </message>
    <message>
        <location line="-59"/>
        <source>Accuracy (%)</source>
        <translation>准确率 (%)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Epoch</source>
        <translation>轮次</translation>
    </message>
</context>
<context>
    <name>Advice</name>
    <message>
        <location filename="../../diabetes_trainer/core/advice/texts.py" line="+47"/>
        <source>{first} {second}</source>
        <comment>two sentences in a row</comment>
        <translation>{first}{second}</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Starting the workers took {share} of the loop ({startup} of {loop}, about {per_epoch} per epoch over {epochs} epochs).</source>
        <translation>启动工作进程占了训练循环的 {share}（共 {loop}，其中启动 {startup}；{epochs} 个轮次，每轮约 {per_epoch}）。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Set persistent_workers=True so the workers start once per run, not once per epoch.</source>
        <translation>设置 persistent_workers=True，让工作进程每次运行只启动一次，而不是每个轮次启动一次。</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Use num_workers=0: this data is small and in memory, so the main process loads a batch faster than a worker can start.</source>
        <translation>使用 num_workers=0：这份数据很小且已在内存中，主进程加载一个批次比启动一个工作进程还快。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Start method {method} costs more than fork: every worker is a fresh Python that imports torch and receives a copy of the dataset.</source>
        <translation>启动方式 {method} 比 fork 开销更大：每个工作进程都是一个全新的 Python，要重新导入 torch 并接收一份数据集副本。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Beyond the {cores} logical cores more workers made it slower ({best} workers: {best_s}; {beyond} workers: {beyond_s}): CPU-bound workers compete for the cores.</source>
        <translation>超过 {cores} 个逻辑核心后，更多工作进程反而更慢（{best} 个工作进程：{best_s}；{beyond} 个工作进程：{beyond_s}）：CPU 密集型工作进程在争抢核心。</translation>
    </message>
    <message>
        <location line="-76"/>
        <source>Advice of kind {kind} (its numbers: {numbers}).</source>
        <translation>类型为 {kind} 的建议（数值：{numbers}）。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>starting the workers</source>
        <translation>启动 worker</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>waiting for data</source>
        <translation>等待数据</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>computing</source>
        <translation>计算</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the loop&apos;s own bookkeeping</source>
        <translation>循环自身的簿记开销</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the per-batch trip through the process boundary</source>
        <translation>每个批次跨进程边界的传递</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the epochs&apos; first batches</source>
        <translation>各 epoch 的第一个批次</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Waiting for data took {share} of the loop ({wait} of {loop}, not counting each epoch&apos;s first batch) with num_workers = {workers} on {cores} logical cores.</source>
        <translation>在 {cores} 个逻辑核心上、num_workers = {workers} 时，等待数据占了循环的 {share}（{loop} 中的 {wait}，不计每个 epoch 的第一个批次）。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Loading here waits rather than computes, so workers overlap their waits even beyond the core count.</source>
        <translation>这里的加载是在等待而不是计算，所以 worker 的等待可以相互重叠，甚至超过核心数也有效。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Loading here is CPU work, which workers only speed up until the {cores} cores are busy.</source>
        <translation>这里的加载是 CPU 计算，worker 只能在 {cores} 个核心忙满之前带来加速。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Loading here is CPU work and num_workers already reaches the {cores} cores, so more workers would only compete for them: make each sample cheaper to load instead.</source>
        <translation>这里的加载是 CPU 计算，而 num_workers 已经达到 {cores} 个核心，更多 worker 只会争抢核心：请改为让每个样本的加载更便宜。</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+140"/>
        <source>Try num_workers = {suggested}.</source>
        <translation>试试 num_workers = {suggested}。</translation>
    </message>
    <message>
        <location line="-108"/>
        <source>num_workers = {workers} is more than the {cores} logical cores while each sample costs {ms} ms of CPU: the processes take turns on the cores and slow each other down.</source>
        <translation>num_workers = {workers} 多于 {cores} 个逻辑核心，而每个样本要花 {ms} ms 的 CPU：各进程轮流使用核心，互相拖慢。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>num_workers = {workers} is more than the {cores} logical cores while the training step keeps a core busy {share} of the loop: the processes take turns on the cores and slow each other down.</source>
        <translation>num_workers = {workers} 多于 {cores} 个逻辑核心，而训练步骤让一个核心在 {share} 的循环时间里都在忙：各进程轮流使用核心，互相拖慢。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Use at most {cores}.</source>
        <translation>最多使用 {cores} 个。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{workers} workers need about {size}</source>
        <translation>{workers} 个工作进程约需 {size}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{workers} workers used {size}</source>
        <translation>{workers} 个工作进程占用了 {size}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>more than is available</source>
        <translation>超过了可用内存</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{share} of the {available} available</source>
        <translation>占可用内存 {available} 的 {share}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>each spawned worker starts a fresh Python with torch and its own copy of the data</source>
        <translation>每个 spawn 启动的工作进程都是带 torch 的全新 Python，并有自己的一份数据副本</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>each forked worker keeps its own share of memory</source>
        <translation>每个 fork 出的工作进程都有自己独占的那部分内存</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{amount}, {fit} ({method}: {why}). Too many workers can exhaust memory (the notes hit a paging file error at 3 workers).</source>
        <translation>{amount}，{fit}（{method}：{why}）。worker 太多会耗尽内存（笔记在 3 个 worker 时遇到了页面文件错误）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Use at most {workers} workers or close other programs.</source>
        <translation>最多使用 {workers} 个 worker，或关闭其他程序。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Together the stalls cost {total} ({share} of the loop).</source>
        <translation>这些停顿合计花了 {total}（占循环的 {share}）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Raising num_workers to {suggested} gives the first worker time to finish its next batch.</source>
        <translation>把 num_workers 提高到 {suggested}，第一个 worker 就有时间完成它的下一个批次。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>0 workers was fastest ({seconds}); the next best, {workers} workers, took {next_best}: {startup} more start-up and {steady} more steady state, so {dominant} is what the workers cost here.</source>
        <translation>0 个 worker 最快（{seconds}）；次快的是 {workers} 个 worker，用时 {next_best}：多了 {startup} 的启动和 {steady} 的稳态时间，所以这里 worker 的代价主要是{dominant}。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The data is small and in memory, yet with {workers} workers the loop still waited {mean} per batch ({share} of the loop): handing a batch over from a worker process (pickling, a queue, unpickling) costs more than building it in the main process.</source>
        <translation>数据很小且在内存中，但用 {workers} 个 worker 时循环每个批次仍等待了 {mean}（占循环的 {share}）：从 worker 进程交出一个批次（序列化、队列、反序列化）比在主进程中构建它更费时。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Try num_workers=0 (the tutorial&apos;s finding: 0 was fastest).</source>
        <translation>试试 num_workers=0（教程的发现：0 最快）。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Loading waits rather than computes ({ms} ms per sample) and still took {share} of the loop with {workers} workers on {cores} cores: for I/O-bound loading more workers than cores still help.</source>
        <translation>加载是在等待而不是计算（每个样本 {ms} ms），在 {cores} 个核心上用 {workers} 个 worker 时仍占了循环的 {share}：对于 I/O 密集的加载，多于核心数的 worker 仍然有帮助。</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Lower the learning rate from {old} to {new}: the last epoch&apos;s mean loss, {loss}, is worse than answering 0.5 for every row (0.6931), so the steps overshoot.</source>
        <translation>把学习率从 {old} 降到 {new}：最后一轮的平均损失 {loss} 比对每一行都回答 0.5（0.6931）还差，说明步长过大、来回越过了最优点。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Lower the learning rate from {old} to {new}: the loss rose over the run, so the steps overshoot.</source>
        <translation>把学习率从 {old} 降到 {new}：损失在训练过程中上升了，说明步长过大、来回越过了最优点。</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>num_workers = {best} was {speedup}x faster than {reference} workers ({best_s} vs {reference_s}): it saved {saved} of steady state and paid {startup} more start-up.</source>
        <translation>num_workers = {best} 比 {reference} 个 worker 快 {speedup} 倍（{best_s} 对 {reference_s}）：它省下了 {saved} 的稳态时间，多付了 {startup} 的启动时间。</translation>
    </message>
    <message>
        <location line="-139"/>
        <source>Every {period} batches the loop waited {stall} for data (other batches: {other}; {count} stalls).</source>
        <translation>训练循环每隔 {period} 个批次就要等待数据 {stall}（其他批次：{other}；共停顿 {count} 次）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>That matches num_workers = {workers}: the main process came back to the first worker before its next batch was ready.</source>
        <translation>这正好等于 num_workers = {workers}：主进程轮回到第一个工作进程时，它的下一个批次还没准备好。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>(num_workers is {workers}.)</source>
        <translation>（num_workers 为 {workers}。）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Waiting for data took only {share} of the loop ({wait} of {loop}) with no periodic stall: loading keeps up with training, so more workers than {workers} won&apos;t help.</source>
        <translation>等待数据只占训练循环的 {share}（共 {loop}，其中等待 {wait}），也没有周期性停顿：数据加载跟得上训练，所以多于 {workers} 个工作进程也不会更快。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>With num_workers = 0 the loop waited {mean} per batch ({share} of the loop, {wait} of {loop}): the main process builds a batch faster than a worker process could hand one over (about {handoff}), let alone start. Keep 0 on small in-memory data (the tutorial&apos;s finding).</source>
        <translation>num_workers = 0 时，训练循环每个批次等待 {mean}（占循环的 {share}，即 {loop} 中等待了 {wait}）：主进程组装一个批次比工作进程交接一个批次（约 {handoff}）还快，更不用说启动工作进程了。小的内存数据请保持 0（教程的结论）。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>The fastest setting ({workers} workers) uses more workers than the {cores} logical cores: loading waits rather than computes, so extra workers overlap their waits.</source>
        <translation>最快的设置（{workers} 个工作进程）多于 {cores} 个逻辑核心：加载主要是等待而不是计算，所以多出来的工作进程可以同时等待。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>pin_memory=True only speeds up copying batches to a GPU; this run trains on the CPU, so pinning is extra work for no gain: turn pin_memory off.</source>
        <translation>pin_memory=True 只会加快把批次复制到 GPU 的速度；这次运行在 CPU 上训练，锁页内存是白费功夫：请关闭 pin_memory。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The final accuracy, {accuracy}, is the share of label {label} in the data: the network answers {label} for every row and has learnt nothing from the features yet (final loss {loss}).</source>
        <translation>最终准确率 {accuracy} 正是数据中标签 {label} 所占的比例：网络对每一行都回答 {label}，还没有从特征中学到任何东西（最终损失 {loss}）。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Standardize the features (mean 0, spread 1), so that no column&apos;s scale drowns the others.</source>
        <translation>对特征做标准化（均值 0，离散度 1），使任何一列的量纲都不会淹没其他列。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Raise the learning rate from {old} to {new}.</source>
        <translation>把学习率从 {old} 提高到 {new}。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Train for more epochs: {new} instead of {old}.</source>
        <translation>训练更多 epoch：{new} 个，而不是 {old} 个。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Of the loop&apos;s {loop} ({iterations} iterations, num_workers = 0): {startup} for the epochs&apos; first batches ({startup_share}), {wait} waiting for data ({wait_share}), {compute} computing ({compute_share}). The largest part is {dominant} ({dominant_share}).</source>
        <translation>循环共 {loop}（{iterations} 次迭代，num_workers = 0）：各 epoch 的第一个批次 {startup}（{startup_share}），等待数据 {wait}（{wait_share}），计算 {compute}（{compute_share}）。最大的部分是{dominant}（{dominant_share}）。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Of the loop&apos;s {loop} ({iterations} iterations, num_workers = {workers}): {startup} starting workers ({startup_share}), {wait} waiting for data ({wait_share}), {compute} computing ({compute_share}). The largest part is {dominant} ({dominant_share}).</source>
        <translation>循环共 {loop}（{iterations} 次迭代，num_workers = {workers}）：启动 worker {startup}（{startup_share}），等待数据 {wait}（{wait_share}），计算 {compute}（{compute_share}）。最大的部分是{dominant}（{dominant_share}）。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>There are no finished sweep settings to compare.</source>
        <translation>没有已完成的扫描设置可供比较。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No iterations were recorded, so there are no timings to explain.</source>
        <translation>没有记录到任何迭代，因此没有可分析的计时。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The fastest setting was num_workers = {fast} ({fast_s}); the slowest was {slow} ({slow_s}).</source>
        <translation>最快的设置是 num_workers = {fast}（{fast_s}）；最慢的是 {slow}（{slow_s}）。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Time grew about linearly with the workers: +{seconds} per extra worker (R² = {r2} over {low}–{high} workers), like the tutorial&apos;s &quot;+1 s per worker&quot;.</source>
        <translation>用时随工作进程数大致线性增长：每多一个工作进程 +{seconds}（{low}–{high} 个工作进程范围内 R² = {r2}），与教程中“每个工作进程 +1 秒”一致。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Start-up alone grew +{seconds} per worker: starting workers, not loading, is what each one adds.</source>
        <translation>每多一个工作进程，仅启动时间就增加 {seconds}：每个工作进程增加的是启动开销，而不是加载开销。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Start-up grew only +{startup} per worker, the steady state +{steady}: the per-batch trip through the process boundary, not start-up, is what each one adds.</source>
        <translation>每个 worker 的启动时间只增加了 +{startup}，稳态时间增加了 +{steady}：每个 worker 增加的主要是每个批次跨进程边界的传递，而不是启动。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Setting persistent_workers=True starts them once per run instead of once per epoch.</source>
        <translation>设置 persistent_workers=True 后，工作进程每次运行只启动一次，而不是每个轮次启动一次。</translation>
    </message>
</context>
<context>
    <name>AdvicePanel</name>
    <message>
        <location filename="../../diabetes_trainer/gui/panels/advice_view.py" line="+20"/>
        <source>Advice</source>
        <translation>建议</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Why this setting was fast or slow, drawn from the timings of the last run.</source>
        <translation>根据上一次运行的计时，解释这个设置为什么快或慢。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Advice appears here after a run: is the loop waiting for data, paying for worker start-up, or saturating the cores?</source>
        <translation>运行结束后这里会给出建议：训练循环是在等待数据、在为启动工作进程付出代价，还是把核心占满了？</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Suggestion</source>
        <translation>建议</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Note</source>
        <translation>说明</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../diabetes_trainer/gui/i18n.py" line="+70"/>
        <source>Diabetes Trainer</source>
        <translation>糖尿病数据训练器</translation>
    </message>
</context>
<context>
    <name>Closing</name>
    <message>
        <location filename="../../diabetes_trainer/gui/closing.py" line="+13"/>
        <source>Close while training</source>
        <translation>训练中关闭</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A run is going</source>
        <translation>训练正在进行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A training run is still going. Stop it and close the window? The iterations recorded so far are kept in the run history as a stopped run.</source>
        <translation>训练仍在进行。要停止训练并关闭窗口吗？已记录的迭代会作为“已停止”的运行保存在运行历史中。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Stop and keep the partial run</source>
        <translation>停止并保留已完成部分</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Stop the run and close</source>
        <translation>停止训练并关闭</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Keep training</source>
        <translation>继续训练</translation>
    </message>
</context>
<context>
    <name>CpuPanel</name>
    <message>
        <location filename="../../diabetes_trainer/gui/plots/cpu_plot.py" line="+274"/>
        <source>CPU load</source>
        <translation>CPU 负载</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Our training&apos;s share of the machine</source>
        <translation>本次训练占整机的比例</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Load of the whole machine</source>
        <translation>整机负载</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Whole machine: measuring…</source>
        <translation>整机：正在测量…</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Whole machine: {percent:.0f} % busy (all programs, 1 core)</source>
        <translation>整机：{percent:.0f} % 繁忙（所有程序，1 个核心）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Whole machine: {percent:.0f} % busy (all programs, {cores} cores)</source>
        <translation>整机：{percent:.0f} % 繁忙（所有程序，{cores} 个核心）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Our training: {percent:.0f} % of the machine ({used:.1f} of 1 core)</source>
        <translation>本次训练：占整机 {percent:.0f} %（1 个核心中用了 {used:.1f} 个）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Our training: {percent:.0f} % of the machine ({used:.1f} of {cores} cores)</source>
        <translation>本次训练：占整机 {percent:.0f} %（{cores} 个核心中用了 {used:.1f} 个）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Our training: not running</source>
        <translation>本次训练：未运行</translation>
    </message>
</context>
<context>
    <name>CpuPlot</name>
    <message>
        <location line="-316"/>
        <source>CPU load per core</source>
        <translation>每个核心的 CPU 负载</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The load of every logical core over the last minute, and the share of the whole machine that our training uses</source>
        <translation>最近一分钟每个逻辑核心的负载，以及本次训练占整机的比例</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Seconds ago</source>
        <translation>秒前</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Our training</source>
        <translation>本次训练</translation>
    </message>
    <message>
        <location line="+122"/>
        <source>Our training (% of the machine)</source>
        <translation>本次训练（占整机 %）</translation>
    </message>
    <message>
        <location line="-24"/>
        <source>CPU {index}</source>
        <translation>CPU {index}</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+66"/>
        <source>Load (%)</source>
        <translation>负载 (%)</translation>
    </message>
    <message>
        <location line="-51"/>
        <source>Logical core</source>
        <translation>逻辑核心</translation>
    </message>
</context>
<context>
    <name>DataOptionsPanel</name>
    <message>
        <location filename="../../diabetes_trainer/gui/panels/data_options.py" line="+92"/>
        <source>Label column</source>
        <translation>标签列</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The column the model learns to predict. Automatic: the column named outcome, label, target, class or y, else the last one.</source>
        <translation>模型要学习预测的列。自动：名为 outcome、label、target、class 或 y 的列，否则为最后一列。</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+6"/>
        <source>automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Label column:</source>
        <translation>标签列：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Label value that counts as 1</source>
        <translation>计为 1 的标签值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>For text labels such as Yes/No: the value the model learns as 1. Automatic: no, false, negative, down and the like are 0, else the values in alphabetical order.</source>
        <translation>用于 Yes/No 这类文字标签：模型当作 1 来学习的那个值。自动：no、false、negative、down 等记为 0，否则按字母顺序。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Counts as 1:</source>
        <translation>计为 1：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Columns to ignore</source>
        <translation>要忽略的列</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ticked columns are left out of the features, such as an id or a row number.</source>
        <translation>勾选的列不作为特征，例如编号或行号。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Ignore these columns:</source>
        <translation>忽略这些列：</translation>
    </message>
    <message>
        <location line="-49"/>
        <location line="+1"/>
        <source>Drop rows with missing values</source>
        <translation>删除含缺失值的行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Leave out rows with an empty, NA, N/A, NaN, ? or null cell instead of refusing the table.</source>
        <translation>舍弃含空白、NA、N/A、NaN、? 或 null 单元格的行，而不是拒绝整个表格。</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+1"/>
        <source>Standardize features</source>
        <translation>标准化特征</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scale every feature to mean 0 and standard deviation 1, fitted on the training rows. Raw values such as a glucose of 148 saturate the sigmoid units; the tutorial&apos;s table is already scaled, so it is off by default.</source>
        <translation>把每个特征缩放为均值 0、标准差 1（只用训练行拟合）。像血糖 148 这样的原始数值会使 sigmoid 单元饱和；教程的表格已经缩放过，所以默认关闭。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>What the reader noticed</source>
        <translation>读取时注意到的情况</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+2"/>
        <location line="+7"/>
        <source>Columns and preview</source>
        <translation>列与预览</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>Show or hide the label column, the columns to ignore and a preview of the table.</source>
        <translation>显示或隐藏标签列、要忽略的列和表格预览。</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Data preview</source>
        <translation>数据预览</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Each column&apos;s role, min, max, mean and missing count, then the first rows as written in the file.</source>
        <translation>每列的角色、最小值、最大值、均值和缺失数，然后是文件中原样的前几行。</translation>
    </message>
    <message>
        <location line="+124"/>
        <source>role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>min</source>
        <translation>最小值</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>max</source>
        <translation>最大值</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>mean</source>
        <translation>均值</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>missing</source>
        <translation>缺失</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>row {n}</source>
        <translation>第 {n} 行</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>feature</source>
        <translation>特征</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>label</source>
        <translation>标签</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>ignored</source>
        <translation>忽略</translation>
    </message>
</context>
<context>
    <name>Experiments</name>
    <message>
        <location filename="../../diabetes_trainer/gui/experiments.py" line="+26"/>
        <source>Batch, stochastic and mini-batch</source>
        <translation>批量、随机与小批量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>One batch per epoch is quickest per epoch but learns least per epoch; one sample per batch learns most per epoch but is slowest; mini-batches sit in between. Runs batch sizes: all rows, 32 and 1.</source>
        <translation>每个 epoch 一个批次，每个 epoch 最快，但每个 epoch 学到的最少；每个批次一个样本，每个 epoch 学到的最多，但最慢；小批量介于两者之间。依次运行批大小：全部行、32 和 1。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Epoch, batch size and iterations</source>
        <translation>Epoch、批大小与迭代</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>One epoch is one pass over all rows; it takes ceil(rows / batch size) iterations. Runs batch sizes 32, 100 and all rows, and counts.</source>
        <translation>一个 epoch 是对所有行的一次遍历；它需要 ceil(行数 / 批大小) 次迭代。依次运行批大小 32、100 和全部行，并计数。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tiny data: 0 workers is fastest</source>
        <translation>小数据：0 个 worker 最快</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The tutorial&apos;s surprise: on a small table held in memory, num_workers=0 is fastest. Runs 0, 1 and 2 workers twice each and splits the workers&apos; extra time into start-up and steady state.</source>
        <translation>教程的意外发现：对于保存在内存中的小表，num_workers=0 最快。0、1、2 个 worker 各运行两次，并把 worker 多出的时间拆分为启动和稳态。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>What a worker costs: fork and spawn</source>
        <translation>一个 worker 的代价：fork 与 spawn</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A worker costs start-up every epoch (a spawned one, as on Windows and macOS, is a fresh Python importing torch) and a trip through a process boundary for every batch. Runs 0 workers, 2 forked and 2 spawned.</source>
        <translation>worker 每个 epoch 都有启动代价（spawn 出来的 worker，如在 Windows 和 macOS 上，是一个重新导入 torch 的全新 Python），每个批次还要跨一次进程边界。运行 0 个 worker、2 个 fork 的和 2 个 spawn 的。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The stall every num_workers batches</source>
        <translation>每 num_workers 个批次的停顿</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>With slow loading (2 ms per sample) each of 3 workers prepares a whole batch, so the loop waits for the first worker again every 3 batches. The Wait vs compute tab marks the stalls.</source>
        <translation>加载较慢时（每个样本 2 ms），3 个 worker 各自准备一整个批次，所以循环每 3 个批次又要等待第一个 worker。“等待与计算”标签页会标出这些停顿。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Memory grows with the workers</source>
        <translation>内存随 worker 增长</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every worker is a process with its own memory. Runs 1, 2 and 4 workers and measures their memory against the estimate.</source>
        <translation>每个 worker 都是一个拥有自己内存的进程。运行 1、2、4 个 worker，并把测得的内存与估计值对比。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>I/O-bound vs CPU-bound loading</source>
        <translation>I/O 密集与 CPU 密集的加载</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Workers that wait (a slow disk: 2 ms sleep per sample) gain even beyond the core count; workers that compute (1 ms of work per sample) only up to it.</source>
        <translation>等待型的 worker（慢磁盘：每个样本睡眠 2 ms）即使超过核心数也有收益；计算型的 worker（每个样本 1 ms 计算）只到核心数为止。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Fetch a whole batch at once</source>
        <translation>一次取出整个批次</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Beyond the notes: for data in memory, one batched index per batch (a batch sampler) against batch-size calls of __getitem__ plus collate, with the same losses.</source>
        <translation>超出笔记的内容：对于内存中的数据，每个批次一次批量索引（批采样器），对比批大小次 __getitem__ 调用再加 collate，损失完全相同。</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Shown on this machine:</source>
        <translation>在本机上得到证实：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not shown on this machine:</source>
        <translation>在本机上未得到证实：</translation>
    </message>
</context>
<context>
    <name>ExperimentsPanel</name>
    <message>
        <location filename="../../diabetes_trainer/gui/panels/experiments_panel.py" line="+39"/>
        <source>Experiments</source>
        <translation>实验</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Experiments that replay the tutorial notes&apos; findings. Double-click one to run it.</source>
        <translation>重现教程笔记结论的实验。双击其中一个即可运行。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>What the experiment shows</source>
        <translation>实验说明</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Run experiment</source>
        <translation>运行实验</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run the selected experiment</source>
        <translation>运行所选实验</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Runs each setting of the experiment one after the other, then compares.</source>
        <translation>依次运行实验的每个设置，然后进行比较。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Experiment results</source>
        <translation>实验结果</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Time</source>
        <translation>用时</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Worker start-up</source>
        <translation>工作进程启动</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Waiting for data</source>
        <translation>等待数据</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Final loss</source>
        <translation>最终损失</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Experiment conclusion</source>
        <translation>实验结论</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Running…</source>
        <translation>正在运行…</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../diabetes_trainer/gui/export_dialog.py" line="+70"/>
        <location line="+1"/>
        <source>Export plot</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Plot to export</source>
        <translation>要导出的图表</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>File format</source>
        <translation>文件格式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PNG: an image for slides and documents. SVG and PDF: vector drawings that stay sharp at any size.</source>
        <translation>PNG：用于幻灯片和文档的图片。SVG 和 PDF：任意尺寸都清晰的矢量图。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Width in pixels</source>
        <translation>宽度（像素）</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+2"/>
        <source> px</source>
        <translation> 像素</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Height in pixels</source>
        <translation>高度（像素）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Dots per inch</source>
        <translation>每英寸点数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> dpi</source>
        <translation> dpi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The figure&apos;s width x height in pixels at this many dots per inch; SVG and PDF keep the same physical size. 150 dpi suits reports, 300 dpi print.</source>
        <translation>按此每英寸点数计算的图像宽 × 高（像素）；SVG 和 PDF 保持相同的物理尺寸。报告用 150 dpi，印刷用 300 dpi。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Title above the plot</source>
        <translation>图表上方的标题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Printed above the plot; leave empty for none.</source>
        <translation>显示在图表上方；留空则不显示标题。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>File to write</source>
        <translation>要写入的文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose the file</source>
        <translation>选择文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy to clipboard</source>
        <translation>复制到剪贴板</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy the plot to the clipboard</source>
        <translation>把图表复制到剪贴板</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Put the plot on the clipboard as an image, to paste into a document.</source>
        <translation>把图表作为图片放到剪贴板，以便粘贴到文档中。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Plot:</source>
        <translation>图表：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Format:</source>
        <translation>格式：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Size:</source>
        <translation>尺寸：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Title:</source>
        <translation>标题：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+1"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>{name} files (*{ext})</source>
        <translation>{name} 文件 (*{ext})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export the plot as</source>
        <translation>将图表导出为</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Choose a file to export to (Browse…).</source>
        <translation>请选择要导出到的文件（浏览…）。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Copied the plot to the clipboard.</source>
        <translation>已把图表复制到剪贴板。</translation>
    </message>
</context>
<context>
    <name>Form</name>
    <message>
        <location filename="../../diabetes_trainer/gui/plot_menu_strings.py" line="+33"/>
        <source>Link Axis:</source>
        <translation>链接坐标轴：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Manual</source>
        <translation>手动</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Invert Axis</source>
        <translation>反转坐标轴</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mouse Enabled</source>
        <translation>启用鼠标</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Visible Data Only</source>
        <translation>仅按可见数据</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Auto Pan Only</source>
        <translation>仅自动平移</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Average</source>
        <translation>平均</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clip to View</source>
        <translation>裁剪到视图</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Max Traces:</source>
        <translation>最多曲线数：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Downsample</source>
        <translation>降采样</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Peak</source>
        <translation>峰值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Forget hidden traces</source>
        <translation>丢弃隐藏的曲线</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mean</source>
        <translation>均值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Subsample</source>
        <translation>抽样</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Log X</source>
        <translation>对数 X</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Log Y</source>
        <translation>对数 Y</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Power Spectrum (FFT)</source>
        <translation>功率谱（FFT）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Subtract Mean</source>
        <translation>减去均值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Points</source>
        <translation>数据点</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show X Grid</source>
        <translation>显示 X 网格</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show Y Grid</source>
        <translation>显示 Y 网格</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opacity</source>
        <translation>不透明度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Alpha</source>
        <translation>透明度</translation>
    </message>
</context>
<context>
    <name>GuidedTour</name>
    <message>
        <location filename="../../diabetes_trainer/gui/guided_tour.py" line="+50"/>
        <location line="+1"/>
        <source>Guided tour</source>
        <translation>导览</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Tour step</source>
        <translation>导览步骤</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tour page title</source>
        <translation>导览页标题</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Tour page text</source>
        <translation>导览页内容</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&lt; Back</source>
        <translation>&lt; 上一步</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Previous tour page</source>
        <translation>上一页导览</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+73"/>
        <source>Next &gt;</source>
        <translation>下一步 &gt;</translation>
    </message>
    <message>
        <location line="-73"/>
        <source>Next tour page</source>
        <translation>下一页导览</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Close the tour</source>
        <translation>关闭导览</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Knobs</source>
        <translation>参数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Everything a run depends on: the data file, epochs, batch size, shuffle, learning rate and num_workers, plus a simulated slow disk (I/O delay) or heavy preprocessing (CPU work) per sample. The presets set the notes&apos; batch, stochastic and mini-batch gradient descent. The line under the batch size works out iterations per epoch = rows ÷ batch size, rounded up.</source>
        <translation>一次运行所依赖的一切：数据文件、轮数（epoch）、批大小、是否打乱、学习率和 num_workers，以及每个样本模拟的慢速磁盘（I/O 延迟）或繁重预处理（CPU 工作）。预设按钮对应笔记中的批量、随机和小批量梯度下降。批大小下方的一行计算每轮迭代次数 = 行数 ÷ 批大小（向上取整）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Start, Stop and Sweep</source>
        <translation>开始、停止与扫描</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start trains in a separate process with these knobs; Stop ends it after the current batch and keeps what was recorded. Sweep times the same knobs at several num_workers settings, like the notes&apos; 0 to 8 experiment.</source>
        <translation>“开始”用这些参数在独立进程中训练；“停止”在当前批次后结束训练，并保留已记录的内容。“扫描”用同样的参数在多个 num_workers 设置下计时，就像笔记中 0 到 8 的实验。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The big Loss number is the mean of the current epoch&apos;s batch losses so far; the last batch&apos;s loss stands beside it in small print. The plot shows one point per iteration, the epoch means as dots, and a smoothed trend (the Smoothing slider; it turns itself on for tiny batches).</source>
        <translation>大号的损失数字是当前轮到目前为止各批次损失的平均值；最后一个批次的损失以小字显示在旁边。图中每次迭代一个点，每轮平均值显示为圆点，还有一条平滑趋势线（“平滑”滑块；批次很小时会自动打开）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Each logical core&apos;s load over the last seconds, and how much of the machine our training process and its DataLoader workers use: watch the workers appear when num_workers &gt; 0.</source>
        <translation>最近几秒每个逻辑核心的负载，以及我们的训练进程和它的 DataLoader 工作进程占用了多少机器资源：当 num_workers &gt; 0 时，可以看到工作进程出现。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Wait vs compute</source>
        <translation>等待与计算</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>For every batch: how long the loop waited for data and how long it computed. With slow loading and several workers the waits come in a rhythm, one stall every num_workers batches.</source>
        <translation>每个批次：循环等待数据用了多久，计算用了多久。加载较慢且有多个工作进程时，等待会呈现节律：每 num_workers 个批次停顿一次。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Accuracy, Advice, Workers</source>
        <translation>准确率、建议、工作进程</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Accuracy per epoch, with a dashed line at the share of the most common label: a curve on that line has only learnt to answer one class. Advice reads the finished run&apos;s numbers. Workers lists the training process and each worker with its memory, and keeps the last snapshot after the run.</source>
        <translation>每轮的准确率，虚线表示最常见标签所占的比例：落在这条线上的曲线只学会了回答同一个类别。“建议”读取已完成运行的数据。“工作进程”列出训练进程和每个工作进程及其内存，运行结束后保留最后一次快照。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Experiments and Runs</source>
        <translation>实验与运行记录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Experiments replay the notes&apos; comparisons with one click. Runs keeps every run, named by the knobs that set it apart; select several and press Overlay to compare their loss curves.</source>
        <translation>“实验”一键重现笔记中的对比。“运行记录”保存每次运行，并以区别于其他运行的参数命名；选中多个后按“叠加”即可比较它们的损失曲线。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The notes&apos; lessons</source>
        <translation>笔记中的结论</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What the notes claim, to check on this machine: (1) one batch per epoch is smooth but slow to learn, one sample per step is fast per step but noisy, mini-batches sit between; (2) an epoch is rows ÷ batch size iterations; (3) for a small table already in memory, 0 workers is fastest; (4) every worker costs start-up time and a trip across a process boundary per batch; (5) slow loading stalls once every num_workers batches; (6) memory grows with each worker; (7) workers beyond the core count still help when loading waits on I/O, not when it computes. The Experiments tab and Sweep measure each one; the Advice tab says what your runs showed.</source>
        <translation>笔记中的说法，可在这台机器上验证：(1) 每轮一个批次很平稳但学得慢，每步一个样本每步很快但噪声大，小批量介于两者之间；(2) 一轮等于 行数 ÷ 批大小 次迭代；(3) 对于已在内存中的小表格，0 个工作进程最快；(4) 每个工作进程都有启动开销，且每个批次都要跨越一次进程边界；(5) 加载较慢时每 num_workers 个批次停顿一次；(6) 内存随每个工作进程增长；(7) 加载在等待 I/O 时，超过核心数的工作进程仍有帮助，而在计算时则没有。“实验”标签页和“扫描”会逐一测量；“建议”标签页说明你的运行结果显示了什么。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Step {step} of {steps}</source>
        <translation>第 {step} 步，共 {steps} 步</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Finish</source>
        <translation>完成</translation>
    </message>
</context>
<context>
    <name>KnobsPanel</name>
    <message>
        <location filename="../../diabetes_trainer/gui/panels/knobs.py" line="+78"/>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Data file path</source>
        <translation>数据文件路径</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A CSV or CSV.GZ table: feature columns, then a 0/1 label. Type a path and press Enter, use Browse, or drop a file on the window. Empty: the bundled synthetic sample.</source>
        <translation>CSV 或 CSV.GZ 表格：先是特征列，最后是 0/1 标签。输入路径后按 Enter、使用“浏览”，或把文件拖到窗口上。留空：使用自带的合成示例数据。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>bundled synthetic sample (press Enter to load)</source>
        <translation>自带的合成示例数据（按 Enter 加载）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Browse for a data file</source>
        <translation>浏览数据文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose a CSV or CSV.GZ table on this computer (Ctrl+O).</source>
        <translation>选择这台电脑上的 CSV 或 CSV.GZ 表格（Ctrl+O）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No data loaded yet.</source>
        <translation>尚未加载数据。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Data summary</source>
        <translation>数据概要</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Batch</source>
        <translation>批量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Batch: every row in one batch (batch size = all rows). One step per epoch; fast vector maths.</source>
        <translation>批量（Batch）：所有行放进一个批次（批大小 = 全部行数）。每个轮次只更新一步；充分利用向量计算，速度快。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Stochastic</source>
        <translation>随机</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stochastic gradient descent: one row per step (batch size 1). Helps escape saddle points but takes the longest.</source>
        <translation>随机梯度下降：每步只用一行（批大小 1）。有助于跳出鞍点，但训练时间最长。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Mini-batch</source>
        <translation>小批量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mini-batch: 32 rows per step, the usual balance between speed and quality.</source>
        <translation>小批量（Mini-batch）：每步 32 行，在训练速度和效果之间取得平衡的常用做法。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Preset:</source>
        <translation>预设：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Epochs</source>
        <translation>轮数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Epoch: one forward and backward pass over all training rows. The outer loop runs this many times.</source>
        <translation>Epoch（轮次）：对全部训练行做一次前向传播和反向传播。外层循环运行这么多次。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Batch size: rows per training step. Iterations per epoch = ceil(rows / batch size).</source>
        <translation>Batch size（批大小）：每个训练步骤使用的行数。每轮迭代次数 = ceil(行数 / 批大小)。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Shuffle rows every epoch</source>
        <translation>每个轮次打乱行顺序</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shuffle</source>
        <translation>打乱</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>shuffle=True: the DataLoader draws the rows in a new random order every epoch, then cuts them into batches.</source>
        <translation>shuffle=True：DataLoader 每个轮次都以新的随机顺序抽取各行，然后切分成批次。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Number of workers</source>
        <translation>工作进程数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>num_workers: DataLoader worker processes that load batches in parallel. 0 loads in the training process itself, the fastest on small in-memory data; each worker adds start-up time and memory.</source>
        <translation>num_workers：并行加载批次的 DataLoader 工作进程数。0 表示在训练进程自身中加载，对内存中的小数据最快；每个工作进程都会增加启动时间和内存占用。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>lr: the SGD step size. Too small learns slowly; too large jumps around.</source>
        <translation>lr：SGD 的步长。太小学得慢；太大则来回震荡。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Random seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>torch.manual_seed before building the model. &apos;no seed&apos; gives a different start each run; the same seed and knobs reproduce the tutorial script&apos;s losses exactly.</source>
        <translation>在构建模型之前调用 torch.manual_seed。“不设种子”时每次运行的起点都不同；相同的种子和参数能精确重现教程脚本的损失值。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>no seed</source>
        <translation>不设种子</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Validation share</source>
        <translation>验证集比例</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hold this share of rows out to draw a validation loss and accuracy curve (0 %: none, as in the tutorial).</source>
        <translation>留出这一比例的行用于绘制验证损失和准确率曲线（0 %：不留，与教程相同）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Epochs:</source>
        <translation>轮数：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Batch size:</source>
        <translation>批大小：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>num_workers:</source>
        <translation>num_workers：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Learning rate:</source>
        <translation>学习率：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seed:</source>
        <translation>种子：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Validation:</source>
        <translation>验证集：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Iterations per epoch and in total</source>
        <translation>每轮迭代次数与总迭代次数</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>DataLoader options</source>
        <translation>DataLoader 选项</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Keep workers between epochs</source>
        <translation>在轮次之间保留工作进程</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Persistent workers</source>
        <translation>常驻工作进程</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>persistent_workers=True: start the workers once instead of every epoch. Saves the start-up cost each epoch; needs num_workers &gt; 0.</source>
        <translation>persistent_workers=True：工作进程只启动一次，而不是每个轮次都启动。省去每个轮次的启动开销；需要 num_workers &gt; 0。</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+1"/>
        <source>Fetch whole batches at once</source>
        <translation>一次取出整个批次</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A batch sampler: the dataset is indexed once per batch with the batch&apos;s rows, instead of once per row followed by collate. Same losses.</source>
        <translation>批采样器：每个批次只用该批的行号对数据集索引一次，而不是逐行取样再合并（collate）。损失完全相同。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Prefetch factor</source>
        <translation>预取因子</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>prefetch_factor: batches each worker prepares ahead (torch&apos;s default: 2). Needs num_workers &gt; 0.</source>
        <translation>prefetch_factor：每个工作进程提前准备的批次数（torch 默认为 2）。需要 num_workers &gt; 0。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>default (2)</source>
        <translation>默认 (2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Worker start method</source>
        <translation>工作进程启动方式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How worker processes start: fork copies this process (Linux, fast); spawn starts a fresh Python that imports torch again (Windows and macOS, slow); forkserver forks from a clean server process.</source>
        <translation>工作进程的启动方式：fork 复制当前进程（Linux，快）；spawn 启动一个重新导入 torch 的全新 Python（Windows 和 macOS，慢）；forkserver 从一个干净的服务进程 fork。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>platform default</source>
        <translation>平台默认</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Pin memory</source>
        <translation>锁页内存</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>pin_memory=True: page-locked batches for faster copies to a CUDA GPU. Only available with a CUDA GPU.</source>
        <translation>pin_memory=True：使用锁页内存存放批次，加快复制到 CUDA GPU 的速度。仅在有 CUDA GPU 时可用。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Where the model trains. CUDA and Apple MPS are offered only when the machine has them.</source>
        <translation>模型在哪里训练。只有本机具备时才提供 CUDA 和 Apple MPS。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CUDA GPU</source>
        <translation>CUDA GPU</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Apple MPS</source>
        <translation>Apple MPS</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Prefetch factor:</source>
        <translation>预取因子：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start method:</source>
        <translation>启动方式：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Device:</source>
        <translation>设备：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Slow loading simulator</source>
        <translation>慢速加载模拟器</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>I/O delay per sample</source>
        <translation>每个样本的 I/O 延迟</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sleep this long in __getitem__ for every sample, like reading from a slow disk or network. I/O-bound loading gains from workers even beyond the number of cores.</source>
        <translation>每个样本在 __getitem__ 中休眠这么久，就像从慢速磁盘或网络读取。I/O 密集型加载即使超过核心数，增加工作进程仍有收益。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CPU work per sample</source>
        <translation>每个样本的 CPU 计算</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Busy computation in __getitem__ for every sample, like heavy preprocessing. CPU-bound loading gains from workers only up to the number of cores.</source>
        <translation>每个样本在 __getitem__ 中做忙碌计算，就像繁重的预处理。CPU 密集型加载只在不超过核心数时能从工作进程中获益。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fail at row</source>
        <translation>在此行出错</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Raise an error in __getitem__ when this row is loaded, to see how a broken sample or a failing worker is reported. &apos;never&apos; for normal runs.</source>
        <translation>加载这一行时在 __getitem__ 中抛出错误，用来观察损坏的样本或出错的工作进程会如何报告。正常运行请选“从不”。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>never</source>
        <translation>从不</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>I/O delay:</source>
        <translation>I/O 延迟：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CPU work:</source>
        <translation>CPU 计算：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fail at row:</source>
        <translation>在此行出错：</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>Not available on this machine</source>
        <translation>本机不可用</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Load data to see iterations per epoch.</source>
        <translation>加载数据后可查看每轮迭代次数。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{rows} rows ÷ batch size {batch} → {per_epoch} iterations per epoch × {epochs} epochs = {total} iterations</source>
        <translation>{rows} 行 ÷ 批大小 {batch} → 每轮 {per_epoch} 次迭代 × {epochs} 轮 = 共 {total} 次迭代</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The batch size is larger than the {rows} training rows: every epoch is a single batch of all rows (the tutorial&apos;s &apos;Batch&apos; regime).</source>
        <translation>批大小大于 {rows} 个训练行：每个轮次都是包含全部行的单个批次（即教程中的“Batch”方式）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{workers} workers on {cores} cores: each worker is a process that must start and hold memory; expect a slow start and no speed-up unless loading waits on I/O.</source>
        <translation>{cores} 个核心上 {workers} 个工作进程：每个工作进程都是一个要启动、要占内存的进程；启动会很慢，除非加载在等待 I/O，否则不会更快。</translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <location filename="../../diabetes_trainer/gui/app.py" line="+136"/>
        <source>Stop the run before switching the language: the window is rebuilt in the new language, and a rebuild would end the run.</source>
        <translation>请先停止运行再切换语言：窗口会以新语言重建，重建会结束当前运行。</translation>
    </message>
    <message>
        <location filename="../../diabetes_trainer/gui/i18n.py" line="+77"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
</context>
<context>
    <name>Lessons</name>
    <message>
        <location filename="../../diabetes_trainer/core/lessons/base.py" line="+115"/>
        <source>Stopped after {done} of {planned} runs, so there is nothing to compare.</source>
        <translation>在 {planned} 次运行中完成 {done} 次后已停止，没有可比较的内容。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Not every run finished ({runs}), so there is nothing to compare.</source>
        <translation>并非每次运行都已完成（{runs}），没有可比较的内容。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The machine was busy: repeats of one setting disagreed by {spread}; run the lesson again on a quiet machine.</source>
        <translation>机器当时很忙：同一设置的重复运行相差 {spread}；请在空闲的机器上再运行一次本课。</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>{first} {second}</source>
        <comment>two sentences in a row</comment>
        <translation>{first}{second}</translation>
    </message>
    <message>
        <location filename="../../diabetes_trainer/core/lessons/loading.py" line="+35"/>
        <source>No periodic stall was detected with {workers} workers (mean wait per batch {wait}).</source>
        <translation>使用 {workers} 个 worker 时没有检测到周期性停顿（每个批次平均等待 {wait}）。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Every {period} batches the loop waited {stall} for data (other batches {other}; {count} stalls).</source>
        <translation>每 {period} 个批次，循环等待数据 {stall}（其他批次 {other}；共 {count} 次停顿）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The period equals num_workers = {workers}: the workers finish their batches together, the loop takes them one by one and then waits for the first worker&apos;s next batch.</source>
        <translation>周期等于 num_workers = {workers}：各 worker 同时完成各自的批次，循环逐个取走它们，然后等待第一个 worker 的下一个批次。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The period differs from num_workers = {workers}.</source>
        <translation>周期与 num_workers = {workers} 不同。</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>I/O-like loading (2 ms sleep per sample): 0, {cores} and {most} workers took {t0}, {t1} and {t2}: {speedup}x faster with {most} than with 0, and {beyond}x from {cores} (the cores) to {most}.</source>
        <translation>类 I/O 加载（每个样本睡眠 2 ms）：0、{cores} 和 {most} 个 worker 分别用时 {t0}、{t1} 和 {t2}：{most} 个比 0 个快 {speedup} 倍，从 {cores} 个（核心数）到 {most} 个快 {beyond} 倍。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>CPU-like loading (1 ms of work per sample): {t0}, {t1} and {t2}: {beyond}x from {cores} to {most} workers.</source>
        <translation>类 CPU 加载（每个样本 1 ms 计算）：{t0}、{t1} 和 {t2}：从 {cores} 个到 {most} 个 worker 为 {beyond} 倍。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Waiting workers overlap beyond the cores; computing workers stop gaining once the cores are busy.</source>
        <translation>等待型的 worker 超过核心数仍能重叠；计算型的 worker 在核心忙满后就不再有收益。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The I/O-bound runs did not gain as expected (at least {speedup}x against 0 and {beyond}x beyond the cores).</source>
        <translation>I/O 密集的运行没有达到预期的收益（相对 0 个至少 {speedup} 倍，超过核心数后至少 {beyond} 倍）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The CPU-bound runs still gained beyond the cores here.</source>
        <translation>这里 CPU 密集的运行在超过核心数后仍有收益。</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Fetching a batch took {single} per batch with per-sample __getitem__ + collate and {batched} with one batched index (median over {repeats} runs; whole loop {single_s} vs {batched_s}).</source>
        <translation>取一个批次：逐样本 __getitem__ + collate 每批次用时 {single}，一次批量索引用时 {batched}（{repeats} 次运行的中位数；整个循环 {single_s} 对 {batched_s}）。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The losses were identical iteration by iteration.</source>
        <translation>每次迭代的损失完全相同。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The losses differed (largest difference {difference}).</source>
        <translation>损失不同（最大差值 {difference}）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The batched fetch was {ratio}x quicker at loading, for the same training.</source>
        <translation>批量取数据的加载快了 {ratio} 倍，训练结果相同。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The batched fetch was not quicker here.</source>
        <translation>这里批量取数据并没有更快。</translation>
    </message>
    <message>
        <location filename="../../diabetes_trainer/core/lessons/training.py" line="+31"/>
        <source>one batch</source>
        <translation>单个批次</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>mini-batches</source>
        <translation>小批量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>one sample per batch</source>
        <translation>每批一个样本</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Time per epoch: {batch_name} {batch_s} ({batch_compute} computing, iterations: {batch_n}), {mini_name} {mini_s} ({mini_compute}, {mini_n}), {sgd_name} {sgd_s} ({sgd_compute}, {sgd_n}).</source>
        <translation>每个 epoch 的时间：{batch_name} {batch_s}（计算 {batch_compute}，迭代次数：{batch_n}），{mini_name} {mini_s}（{mini_compute}，{mini_n}），{sgd_name} {sgd_s}（{sgd_compute}，{sgd_n}）。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Mean loss in epoch {epoch}: {batch}, {mini}, {sgd}.</source>
        <translation>第 {epoch} 个 epoch 的平均损失：{batch}、{mini}、{sgd}。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>One batch and mini-batches took about as long per epoch ({ratio}x): loading the same rows dominates both epochs, not their {few} and {many} steps.</source>
        <translation>单个批次与小批量每个 epoch 用时相近（{ratio} 倍）：两者的 epoch 主要花在加载相同的行上，而不是各自的 {few} 步和 {many} 步。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Epochs with {faster} were {ratio}x quicker than with {other}: {other_compute} of computing in {other_n} steps against {faster_compute} in {faster_n}.</source>
        <translation>{faster}的 epoch 比{other}快 {ratio} 倍：后者在 {other_n} 步中计算了 {other_compute}，前者在 {faster_n} 步中计算了 {faster_compute}。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>One sample per batch was slowest per epoch, and more updates per epoch lowered the loss further after the same number of epochs: mini-batches trade between the two.</source>
        <translation>每批一个样本的每个 epoch 最慢，而在相同 epoch 数后，每个 epoch 更多的更新让损失降得更低：小批量在两者之间取得平衡。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>One sample per batch was not the slowest per epoch here.</source>
        <translation>这里每批一个样本的每个 epoch 并不是最慢的。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The loss after equal epochs did not fall with more updates per epoch here.</source>
        <translation>这里在相同 epoch 数后，损失没有随每个 epoch 更多的更新而下降。</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>{rows} rows in batches of {batch}: iterations per epoch = ceil({rows}/{batch}) = {expected} (the last batch holds {last} rows); measured {measured} over {epochs} epochs, {total} in all.</source>
        <translation>{rows} 行、批大小 {batch}：每个 epoch 的迭代次数 = ceil({rows}/{batch}) = {expected}（最后一批 {last} 行）；{epochs} 个 epoch 实测 {measured}，共 {total} 次。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Every epoch took exactly ceil(rows / batch size) iterations.</source>
        <translation>每个 epoch 恰好用了 ceil(行数 / 批大小) 次迭代。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The measured iterations differ from ceil(rows / batch size).</source>
        <translation>实测迭代次数与 ceil(行数 / 批大小) 不同。</translation>
    </message>
    <message>
        <location filename="../../diabetes_trainer/core/lessons/workers.py" line="+24"/>
        <source>starting the workers (every epoch)</source>
        <translation>启动 worker（每个 epoch 一次）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the per-batch trip through the process boundary (pickling, a queue, unpickling)</source>
        <translation>每个批次跨进程边界的传递（序列化、队列、反序列化）</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Median over {repeats} runs: 0 workers {seconds}.</source>
        <translation>{repeats} 次运行的中位数：0 个 worker {seconds}。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>num_workers = {workers}: {seconds} ({startup} more start-up, {steady} more steady state: {dominant} dominates).</source>
        <translation>num_workers = {workers}：{seconds}（启动多 {startup}，稳态多 {steady}：主要是{dominant}）。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>0 workers was fastest: the main process builds a batch of this table faster than a worker can hand one over.</source>
        <translation>0 个 worker 最快：主进程构建这张表的一个批次，比 worker 交出一个批次更快。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>0 workers was not the fastest here.</source>
        <translation>这里 0 个 worker 并不是最快的。</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>2 workers, {method}: {startup} start-up per epoch, {transfer} more wait per batch than 0 workers.</source>
        <translation>2 个 worker，{method}：每个 epoch 启动 {startup}，每个批次比 0 个 worker 多等待 {transfer}。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Spawn started {ratio}x slower than fork: a spawned worker is a fresh Python that imports torch and receives a copy of the dataset.</source>
        <translation>spawn 的启动比 fork 慢 {ratio} 倍：spawn 出来的 worker 是一个全新的 Python，要导入 torch 并接收一份数据集副本。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Spawn did not start slower than fork here.</source>
        <translation>这里 spawn 的启动并不比 fork 慢。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Batches from workers did not wait longer than batches built in the main process here.</source>
        <translation>这里来自 worker 的批次并不比主进程构建的批次等待更久。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>The workers&apos; memory could not be measured (they ended before a sample).</source>
        <translation>无法测量 worker 的内存（它们在采样前就结束了）。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>num_workers = {workers}: {total} ({each} each)</source>
        <translation>num_workers = {workers}：{total}（每个 {each}）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Peak memory of the workers (unique set size): {parts}. From {fewest} to {most} workers it grew {growth}x. Measured about {per_worker} per worker against an estimate of {estimate} per {method} worker ({ratio}x the estimate).</source>
        <translation>worker 的峰值内存（独占内存 USS）：{parts}。从 {fewest} 个到 {most} 个 worker 增长了 {growth} 倍。实测每个 worker 约 {per_worker}，而每个 {method} worker 的估计值为 {estimate}（估计值的 {ratio} 倍）。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Each worker adds its own memory: many workers can exhaust it (a spawned worker, a fresh Python with torch, costs far more).</source>
        <translation>每个 worker 都会增加自己的内存：worker 太多会耗尽内存（spawn 出来的 worker 是带 torch 的全新 Python，代价要大得多）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The memory did not grow with the workers here.</source>
        <translation>这里内存没有随 worker 增长。</translation>
    </message>
</context>
<context>
    <name>LivePlotWidget</name>
    <message>
        <location filename="../../diabetes_trainer/gui/plots/theme.py" line="+327"/>
        <source>Export plot…</source>
        <translation>导出图表…</translation>
    </message>
</context>
<context>
    <name>LossPanel</name>
    <message>
        <location filename="../../diabetes_trainer/gui/panels/loss_panel.py" line="+24"/>
        <source>Loss plot x axis</source>
        <translation>损失图的横轴</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Draw the loss against iterations (one point per mini-batch step), epochs, or seconds.</source>
        <translation>按迭代次数（每个小批量步骤一个点）、轮次或秒数绘制损失。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Iteration</source>
        <translation>迭代</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time (s)</source>
        <translation>时间（秒）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Loss smoothing</source>
        <translation>损失平滑</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exponential moving average over the per-iteration loss: noisy mini-batch losses become a readable trend. The slider sets the share of an epoch it averages over. 0: off.</source>
        <translation>对每次迭代的损失做指数移动平均：噪声很大的小批量损失变成可读的趋势。滑块设置平均所覆盖的一轮的比例。0：关闭。</translation>
    </message>
    <message numerus="yes">
        <location line="+54"/>
        <source>over ≈%n iterations</source>
        <translation>
            <numerusform>约 %n 次迭代内平均</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>auto: {span}</source>
        <translation>自动：{span}</translation>
    </message>
    <message>
        <location line="-46"/>
        <source>x axis:</source>
        <translation>横轴：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Smoothing:</source>
        <translation>平滑：</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>off</source>
        <translation>关</translation>
    </message>
</context>
<context>
    <name>LossPlot</name>
    <message>
        <location filename="../../diabetes_trainer/gui/plots/loss_plot.py" line="+55"/>
        <source>Loss plot</source>
        <translation>损失图</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Training loss of every iteration, the mean loss of every epoch and, when there is a validation split, the validation loss</source>
        <translation>每次迭代的训练损失、每个轮次的平均损失，以及（有验证集时）验证损失</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Loss (BCE)</source>
        <translation>损失 (BCE)</translation>
    </message>
    <message>
        <location line="+207"/>
        <source>{name} (this run)</source>
        <translation>{name}（本次运行）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Loss per iteration</source>
        <translation>每次迭代的损失</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Smoothed loss</source>
        <translation>平滑后的损失</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Epoch mean loss</source>
        <translation>每轮平均损失</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Validation loss</source>
        <translation>验证损失</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Iteration</source>
        <translation>迭代</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time (s)</source>
        <translation>时间（秒）</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../diabetes_trainer/gui/main_window.py" line="+77"/>
        <source>Ready. Pick a data file or use the bundled sample, then press Start.</source>
        <translation>就绪。选择一个数据文件或使用自带示例数据，然后按“开始”。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Reading the table…</source>
        <translation>正在读取数据表…</translation>
    </message>
    <message>
        <location filename="../../diabetes_trainer/gui/window_parts.py" line="+44"/>
        <source>Insight views</source>
        <translation>分析视图</translation>
    </message>
    <message>
        <location filename="../../diabetes_trainer/gui/run_exports.py" line="+36"/>
        <location filename="../../diabetes_trainer/gui/window_parts.py" line="+18"/>
        <source>Wait vs compute</source>
        <translation>等待与计算</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../diabetes_trainer/gui/window_parts.py" line="+1"/>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <location filename="../../diabetes_trainer/gui/window_parts.py" line="+1"/>
        <source>Advice</source>
        <translation>建议</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Workers</source>
        <translation>工作进程</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Experiments</source>
        <translation>实验</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Runs</source>
        <translation>运行记录</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start training</source>
        <translation>开始训练</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start training with these knobs (Ctrl+R or F5)</source>
        <translation>用这些参数开始训练（Ctrl+R 或 F5）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop training</source>
        <translation>停止训练</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop after the current batch (Esc)</source>
        <translation>在当前批次结束后停止（Esc）</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+26"/>
        <source>Sweep…</source>
        <translation>扫描…</translation>
    </message>
    <message>
        <location line="-25"/>
        <source>num_workers sweep</source>
        <translation>num_workers 扫描</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time these knobs at several num_workers settings, like the tutorial&apos;s 0 to 8 experiment</source>
        <translation>用这些参数在多个 num_workers 设置下计时，就像教程中 0 到 8 的实验</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Knobs</source>
        <translation>参数</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Open data…</source>
        <translation>打开数据(&amp;O)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Start</source>
        <translation>开始(&amp;S)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>S&amp;top</source>
        <translation>停止(&amp;T)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>S&amp;weep num_workers…</source>
        <translation>扫描 num_workers(&amp;W)…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Export plot…</source>
        <translation>导出图表(&amp;E)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export run as &amp;CSV…</source>
        <translation>将运行导出为 CSV(&amp;C)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export run as &amp;JSON…</source>
        <translation>将运行导出为 JSON(&amp;J)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>&amp;Restore defaults</source>
        <translation>恢复默认设置(&amp;R)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Put the knobs and the window layout back as on a first start</source>
        <translation>把参数和窗口布局恢复为首次启动时的样子</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;About {app}</source>
        <translation>关于 {app}(&amp;A)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Guided &amp;tour</source>
        <translation>导览(&amp;T)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A short tour of the window&apos;s areas and the notes&apos; lessons</source>
        <translation>简短介绍窗口各区域和笔记中的结论</translation>
    </message>
    <message>
        <location filename="../../diabetes_trainer/gui/data_loading.py" line="+158"/>
        <source>Open a data table</source>
        <translation>打开数据表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tables (*.csv *.csv.gz *.txt *.tsv *.gz);;All files (*)</source>
        <translation>数据表 (*.csv *.csv.gz *.txt *.tsv *.gz);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Reading {name}…</source>
        <translation>正在读取 {name}…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the bundled sample</source>
        <translation>自带示例数据</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&lt;b&gt;{name}&lt;/b&gt;{synthetic}</source>
        <translation>&lt;b&gt;{name}&lt;/b&gt;{synthetic}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> (synthetic sample data, not medical data)</source>
        <translation>（合成示例数据，不是医疗数据）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{rows} rows · {features} features · label 1: {positives} ({share:.0%}), label 0: {negatives}</source>
        <translation>{rows} 行 · {features} 个特征 · 标签 1：{positives}（{share:.0%}），标签 0：{negatives}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Columns: {names}</source>
        <translation>列：{names}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Loaded {path}</source>
        <translation>已加载 {path}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Cannot use this file.</source>
        <translation>无法使用此文件。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Could not read the data file</source>
        <translation>无法读取数据文件</translation>
    </message>
    <message>
        <location filename="../../diabetes_trainer/gui/run_lifecycle.py" line="+53"/>
        <source>Cannot start: {knob}: {message}</source>
        <translation>无法开始：{knob}：{message}</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Starting the training process…</source>
        <translation>正在启动训练进程…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Workers may not fit in memory</source>
        <translation>工作进程可能超出内存</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start anyway?</source>
        <translation>仍然开始吗？</translation>
    </message>
    <message>
        <location filename="../../diabetes_trainer/gui/experiment_queue.py" line="+67"/>
        <source>Experiment {title}: {label}</source>
        <translation>实验 {title}：{label}</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Something went wrong: {error}</source>
        <translation>出错了：{error}</translation>
    </message>
    <message>
        <location filename="../../diabetes_trainer/gui/run_lifecycle.py" line="+10"/>
        <source>Stopping after the current batch…</source>
        <translation>将在当前批次结束后停止…</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Training (pid {pid})…</source>
        <translation>正在训练（进程号 {pid}）…</translation>
    </message>
    <message>
        <location filename="../../diabetes_trainer/gui/views/readouts_view.py" line="+23"/>
        <source>Failed after {n} iterations</source>
        <translation>失败：已完成 {n} 次迭代</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stopped after {n} iterations · {seconds} · loss {loss}</source>
        <translation>已停止：共 {n} 次迭代，用时 {seconds} · 损失 {loss}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Finished: {n} iterations in {seconds} · final loss {loss}</source>
        <translation>完成：共 {n} 次迭代，用时 {seconds} · 最终损失 {loss}</translation>
    </message>
    <message>
        <location filename="../../diabetes_trainer/gui/run_lifecycle.py" line="+31"/>
        <source>The run could not be saved to the history: {error}</source>
        <translation>无法把这次运行保存到历史记录：{error}</translation>
    </message>
    <message>
        <location filename="../../diabetes_trainer/gui/run_exports.py" line="-2"/>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CPU load</source>
        <translation>CPU 负载</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>There is no run to export yet: press Start first.</source>
        <translation>还没有可导出的运行：请先按“开始”。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Saving {path}…</source>
        <translation>正在保存 {path}…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Could not save {path}: {error}</source>
        <translation>无法保存 {path}：{error}</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
    <message>
        <location filename="../../diabetes_trainer/gui/main_window.py" line="-34"/>
        <source>Mini-batches and the DataLoader, made visible</source>
        <translation>让小批量训练与 DataLoader 一目了然</translation>
    </message>
    <message>
        <location filename="../../diabetes_trainer/gui/views/stall_view.py" line="+53"/>
        <source>No periodic stall</source>
        <translation>没有周期性停顿</translation>
    </message>
    <message>
        <location filename="../../diabetes_trainer/gui/run_exports.py" line="-23"/>
        <source>Export the run&apos;s numbers as CSV</source>
        <translation>将运行的数据导出为 CSV</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Export the whole run as JSON</source>
        <translation>将整个运行导出为 JSON</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <location filename="../../diabetes_trainer/gui/main_window.py" line="+178"/>
        <source>Knobs and layout are back at their defaults.</source>
        <translation>参数和布局已恢复为默认设置。</translation>
    </message>
</context>
<context>
    <name>MessageBanner</name>
    <message>
        <location filename="../../diabetes_trainer/gui/panels/message_banner.py" line="+20"/>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Dismiss message</source>
        <translation>关闭消息</translation>
    </message>
</context>
<context>
    <name>PlotItem</name>
    <message>
        <location filename="../../diabetes_trainer/gui/plot_menu_strings.py" line="-31"/>
        <source>Plot Options</source>
        <translation>绘图选项</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Transforms</source>
        <translation>变换</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Downsample</source>
        <translation>降采样</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Average</source>
        <translation>平均</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Alpha</source>
        <translation>透明度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Points</source>
        <translation>数据点</translation>
    </message>
</context>
<context>
    <name>PresentationMode</name>
    <message>
        <location filename="../../diabetes_trainer/gui/presentation.py" line="+71"/>
        <source>&amp;Knobs</source>
        <translation>参数(&amp;K)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show or hide the Knobs panel (closed in presentation mode, to leave the plots the room)</source>
        <translation>显示或隐藏参数面板（演示模式下默认收起，把空间留给图表）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Presentation mode</source>
        <translation>演示模式(&amp;P)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Full screen, larger text, thicker high-contrast plots for a projector (F11)</source>
        <translation>全屏、更大的文字、更粗的高对比度图表，适合投影仪（F11）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Light plots</source>
        <translation>浅色图表(&amp;L)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dark lines on white: best on most projectors</source>
        <translation>白底深色线条：在大多数投影仪上效果最好</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Dark plots</source>
        <translation>深色图表(&amp;D)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Light lines on black: for dark rooms and dark desktops</source>
        <translation>黑底浅色线条：适合暗室和深色桌面</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Zoom &amp;in</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Larger text (Ctrl+Plus)</source>
        <translation>放大文字（Ctrl+加号）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zoom &amp;out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Smaller text (Ctrl+Minus)</source>
        <translation>缩小文字（Ctrl+减号）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Normal size</source>
        <translation>正常大小(&amp;N)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Text at its normal size (Ctrl+0)</source>
        <translation>文字恢复正常大小（Ctrl+0）</translation>
    </message>
</context>
<context>
    <name>Readouts</name>
    <message>
        <location filename="../../diabetes_trainer/gui/panels/readouts.py" line="+22"/>
        <source>{value} s</source>
        <translation>{value} 秒</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{m} min {s} s</source>
        <translation>{m} 分 {s} 秒</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{h} h {m} min</source>
        <translation>{h} 小时 {m} 分</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Current epoch</source>
        <translation>当前轮次</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Current loss</source>
        <translation>当前损失</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time so far</source>
        <translation>已用时间</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Loss of the last batch</source>
        <translation>最后一个批次的损失</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Training progress</source>
        <translation>训练进度</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Epoch –</source>
        <translation>轮次 –</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loss –</source>
        <translation>损失 –</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Time –</source>
        <translation>时间 –</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Epoch {epoch} / {epochs}</source>
        <translation>第 {epoch} / {epochs} 轮</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loss {loss}</source>
        <translation>损失 {loss}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mean loss of epoch {epoch}&apos;s batches so far</source>
        <translation>第 {epoch} 轮到目前为止各批次的平均损失</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>last batch {loss}</source>
        <translation>最后批次 {loss}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Time {time}</source>
        <translation>时间 {time}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Epoch {epoch}/{epochs} · iteration {iteration}/{total} · {elapsed} elapsed · ETA {eta}</source>
        <translation>轮次 {epoch}/{epochs} · 迭代 {iteration}/{total} · 已用 {elapsed} · 预计剩余 {eta}</translation>
    </message>
</context>
<context>
    <name>RunNames</name>
    <message>
        <location filename="../../diabetes_trainer/gui/run_names.py" line="+29"/>
        <source>1 worker</source>
        <translation>1 个工作进程</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%n workers</source>
        <translation>%n 个工作进程</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>1 epoch</source>
        <translation>1 轮</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%n epochs</source>
        <translation>%n 轮</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>shuffled</source>
        <translation>打乱</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>not shuffled</source>
        <translation>不打乱</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>persistent workers</source>
        <translation>持久工作进程</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>pinned memory</source>
        <translation>锁页内存</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>standardized</source>
        <translation>已标准化</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>incomplete rows dropped</source>
        <translation>已丢弃缺值行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>whole batches fetched</source>
        <translation>整批取数</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>on</source>
        <translation>开</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>off</source>
        <translation>关</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>I/O {value} ms</source>
        <translation>I/O {value} 毫秒</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CPU {value} ms</source>
        <translation>CPU {value} 毫秒</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>batch {value}</source>
        <translation>批大小 {value}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>lr {value}</source>
        <translation>学习率 {value}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>seed {value}</source>
        <translation>种子 {value}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>prefetch {value}</source>
        <translation>预取 {value}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{value} start</source>
        <translation>{value} 启动</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>on {value}</source>
        <translation>在 {value} 上</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>fails at row {value}</source>
        <translation>在第 {value} 行失败</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>label {value}</source>
        <translation>标签 {value}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{value} = 1</source>
        <translation>{value} = 1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{percent} % validation</source>
        <translation>{percent} % 验证</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>without {columns}</source>
        <translation>不含 {columns}</translation>
    </message>
</context>
<context>
    <name>RunsPanel</name>
    <message>
        <location filename="../../diabetes_trainer/gui/panels/runs_panel.py" line="+128"/>
        <source>Delete runs</source>
        <translation>删除运行</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Rename run</source>
        <translation>重命名运行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Run history</source>
        <translation>运行历史</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Workers</source>
        <translation>工作进程数</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>I/O delay (ms)</source>
        <translation>I/O 延迟（毫秒）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Batch</source>
        <translation>批大小</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Epochs</source>
        <translation>轮数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Final loss</source>
        <translation>最终损失</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stored runs</source>
        <translation>已保存的运行</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>CPU work (ms)</source>
        <translation>CPU 工作（毫秒）</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+36"/>
        <source>Time (s)</source>
        <translation>时间（秒）</translation>
    </message>
    <message>
        <location line="-33"/>
        <source>Your earlier runs, named by the knobs that set them apart until you rename them. Select several (Ctrl or Shift) and press Overlay to compare their loss curves; double-click a run to overlay the selection.</source>
        <translation>你之前的运行，在你重命名之前以区别于其他运行的参数命名。选中多个（Ctrl 或 Shift）后按“叠加”比较它们的损失曲线；双击某次运行可叠加所选运行。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refresh the run list</source>
        <translation>刷新运行列表</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Read the run folder again.</source>
        <translation>重新读取运行文件夹。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rename the selected run</source>
        <translation>重命名所选运行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete the selected runs</source>
        <translation>删除所选运行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove the selected runs&apos; files from disk (asks first).</source>
        <translation>从磁盘删除所选运行的文件（会先询问）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Overlay</source>
        <translation>叠加</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Overlay the selected runs</source>
        <translation>叠加所选运行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Draw the selected runs&apos; loss curves behind the live run.</source>
        <translation>在当前运行的后面绘制所选运行的损失曲线。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear overlay</source>
        <translation>清除叠加</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear the overlaid runs</source>
        <translation>清除叠加的运行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove the overlaid runs from the loss plot.</source>
        <translation>从损失图中移除叠加的运行。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Overlay x axis</source>
        <translation>叠加的横轴</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Compare runs by iteration, by epoch (runs with different batch sizes line up), or by wall time (which setting is faster).</source>
        <translation>按迭代、按轮次（批大小不同的运行也能对齐）或按实际用时（哪个设置更快）比较运行。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Iteration</source>
        <translation>迭代</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <location line="+146"/>
        <source>{name} ({knobs})</source>
        <translation>{name}（{knobs}）</translation>
    </message>
    <message>
        <location line="-133"/>
        <source>x axis:</source>
        <translation>横轴：</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Run {id}{data}</source>
        <translation>运行 {id}{data}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> on {name}</source>
        <translation>，数据 {name}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Run {id} cannot be drawn: {why}.</source>
        <translation>无法绘制运行 {id}：{why}。</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Delete the run “{name}”? Its file is removed from disk.</source>
        <translation>删除运行“{name}”吗？它的文件将从磁盘删除。</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Delete these %n runs? Their files are removed from disk.</source>
        <translation>
            <numerusform>删除这 %n 次运行吗？它们的文件将从磁盘删除。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+24"/>
        <source>No stored runs yet (they are kept in {folder}).</source>
        <translation>还没有保存的运行（运行保存在 {folder}）。</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <location filename="../../diabetes_trainer/gui/settings.py" line="+107"/>
        <source>it is not a valid settings file</source>
        <translation>它不是有效的设置文件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>it was not written by this program</source>
        <translation>它不是由本程序写入的</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>its format marker is damaged</source>
        <translation>它的格式标记已损坏</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The damaged file was kept as {backup}.</source>
        <translation>损坏的文件已保留为 {backup}。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The settings file {path} could not be read ({why}), so the default settings are used.</source>
        <translation>无法读取设置文件 {path}（{why}），因此使用默认设置。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{what} (“{value}”)</source>
        <translation>{what}（“{value}”）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Some saved settings could not be used and are back at their defaults: {values}.</source>
        <translation>部分已保存的设置无法使用，已恢复为默认值：{values}。</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>last data file</source>
        <translation>上次的数据文件</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+2"/>
        <source>language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+2"/>
        <source>plot theme</source>
        <translation>图表主题</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+2"/>
        <source>font size</source>
        <translation>字体大小</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>presentation mode</source>
        <translation>演示模式</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+12"/>
        <location line="+139"/>
        <location line="+4"/>
        <source>window layout</source>
        <translation>窗口布局</translation>
    </message>
    <message>
        <location line="-149"/>
        <location line="+154"/>
        <source>insight tab</source>
        <translation>分析标签页</translation>
    </message>
    <message>
        <location line="-18"/>
        <source>The last data file {path} is no longer there; the bundled sample is loaded instead.</source>
        <translation>上次的数据文件 {path} 已不存在；改为加载自带示例数据。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>window size and position</source>
        <translation>窗口大小和位置</translation>
    </message>
</context>
<context>
    <name>SlotErrors</name>
    <message>
        <location filename="../../diabetes_trainer/gui/slot_errors.py" line="+41"/>
        <source>That did not work: {detail}. The window keeps working; the details were printed to the terminal (please include them when you report this).</source>
        <translation>操作未成功：{detail}。窗口仍可继续使用；详细信息已输出到终端（报告问题时请附上）。</translation>
    </message>
</context>
<context>
    <name>StallPlot</name>
    <message>
        <location filename="../../diabetes_trainer/gui/plots/stall_plot.py" line="+43"/>
        <source>Stall timeline</source>
        <translation>停顿时间线</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>For each of the latest batches: the time the training loop waited for it and the time it spent computing on it</source>
        <translation>最近每个批次：训练循环等待它的时间，以及在它上面计算的时间</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Time (ms)</source>
        <translation>时间（毫秒）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Iteration</source>
        <translation>迭代</translation>
    </message>
    <message>
        <location line="+175"/>
        <location line="+16"/>
        <source>Epoch {epoch}</source>
        <translation>第 {epoch} 轮</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Waiting</source>
        <translation>等待数据</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Off scale</source>
        <translation>超出范围</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Computing</source>
        <translation>计算</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Stall</source>
        <translation>停顿</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Every batch stalls</source>
        <translation>每个批次都停顿</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Stall every %n batches</source>
        <translation>
            <numerusform>每 %n 个批次停顿一次</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>1 stalled batch</source>
        <translation>1 个停顿的批次</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n stalled batches</source>
        <translation>
            <numerusform>%n 个停顿的批次</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SweepDialog</name>
    <message>
        <location filename="../../diabetes_trainer/gui/sweep_dialog.py" line="+55"/>
        <location line="+1"/>
        <source>num_workers sweep</source>
        <translation>num_workers 扫描</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>This repeats the tutorial&apos;s experiment: the same training, once per num_workers setting (the tutorial tried 0 to 8), each run in a fresh process, timing the training loop. Each bar splits the time into starting the DataLoader&apos;s workers and the steady state after it. The knobs are the window&apos;s, except num_workers and epochs.</source>
        <translation>这会重复教程中的实验：对每个 num_workers 设置各做一次相同的训练（教程试了 0 到 8），每次运行都在一个新进程中，并为训练循环计时。每根柱子把时间分为启动 DataLoader 工作进程和之后的稳定阶段。除 num_workers 和轮数外，其他参数都取自主窗口。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Worker settings</source>
        <translation>工作进程设置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The num_workers settings to time: a range like 0-8, a list like 0,2,4, or both like 0-4,8 (at most {max}).</source>
        <translation>要计时的 num_workers 设置：可以是范围如 0-8、列表如 0,2,4，或两者结合如 0-4,8（最多 {max}）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Repeats per setting</source>
        <translation>每个设置的重复次数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Each setting runs this many times; the chart shows the median and the fastest and slowest run, so one run slowed down by the rest of the computer does not decide.</source>
        <translation>每个设置运行这么多次；图表显示中位数以及最快和最慢的一次，这样某一次被电脑上其他程序拖慢的运行不会左右结论。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Epochs per run</source>
        <translation>每次运行的轮数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Epochs of every run in the sweep; fewer epochs finish the sweep sooner.</source>
        <translation>扫描中每次运行的轮数；轮数越少，扫描完成得越快。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>This computer has {cores} logical cores; {suggestion} also shows what happens beyond them.</source>
        <translation>这台电脑有 {cores} 个逻辑核心；{suggestion} 还能显示超过核心数时会怎样。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Start sweep</source>
        <translation>开始扫描</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start the sweep</source>
        <translation>开始扫描</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel sweep</source>
        <translation>取消扫描</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel the sweep</source>
        <translation>取消扫描</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop the run in progress; the finished runs stay in the table.</source>
        <translation>停止正在进行的运行；已完成的运行保留在表格中。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export the sweep</source>
        <translation>导出扫描结果</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the chart (PNG, SVG, PDF) or the table (CSV).</source>
        <translation>保存图表（PNG、SVG、PDF）或表格（CSV）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Chart (PNG, SVG, PDF)…</source>
        <translation>图表（PNG、SVG、PDF）…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Table as CSV…</source>
        <translation>表格保存为 CSV…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close the sweep dialog</source>
        <translation>关闭扫描对话框</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Closing during a sweep cancels it.</source>
        <translation>在扫描过程中关闭会取消扫描。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sweep progress</source>
        <translation>扫描进度</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Sweep results</source>
        <translation>扫描结果</translation>
    </message>
    <message>
        <location filename="../../diabetes_trainer/gui/sweep_table.py" line="+24"/>
        <source>Workers</source>
        <translation>工作进程数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Median s</source>
        <translation>中位数（秒）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Min s</source>
        <translation>最短（秒）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Max s</source>
        <translation>最长（秒）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start-up s</source>
        <translation>启动（秒）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Steady s</source>
        <translation>稳定阶段（秒）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Runs</source>
        <translation>运行次数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../../diabetes_trainer/gui/sweep_dialog.py" line="+7"/>
        <source>num_workers:</source>
        <translation>num_workers：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Repeats:</source>
        <translation>重复次数：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Epochs:</source>
        <translation>轮数：</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>num_workers: {why}</source>
        <translation>num_workers：{why}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{settings} settings × {repeats} repeats = {runs} runs. {cores}</source>
        <translation>{settings} 个设置 × {repeats} 次重复 = {runs} 次运行。{cores}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Cannot start the sweep: {why}</source>
        <translation>无法开始扫描：{why}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%v of %m runs</source>
        <translation>%v / %m 次运行</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Cancelling: stopping the run in progress…</source>
        <translation>正在取消：停止正在进行的运行…</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>The sweep stopped with an error after {done} of {total} runs: {why}</source>
        <translation>扫描出错停止（共 {total} 次运行，已完成 {done} 次）：{why}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cancelled after {done} of {total} runs; the finished runs are kept.</source>
        <translation>已取消（共 {total} 次运行，已完成 {done} 次）；已完成的运行会保留。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Finished: {done} runs.</source>
        <translation>完成：{done} 次运行。</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n run(s) failed, the first with: {why}</source>
        <translation>
            <numerusform>%n 次运行失败，第一次的原因：{why}</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no message</source>
        <translation>无消息</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Running num_workers = {workers} (repeat {repeat} of {repeats})…</source>
        <translation>正在运行 num_workers = {workers}（第 {repeat}/{repeats} 次重复）…</translation>
    </message>
    <message>
        <location filename="../../diabetes_trainer/gui/sweep_table.py" line="+25"/>
        <source>The fastest setting</source>
        <translation>最快的设置</translation>
    </message>
    <message>
        <location filename="../../diabetes_trainer/gui/sweep_dialog.py" line="+38"/>
        <source>the bundled sample</source>
        <translation>自带示例数据</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Training time vs num_workers — {data}, batch {batch}, 1 epoch, median of {repeat}</source>
        <translation>训练时间与 num_workers — {data}，批大小 {batch}，1 个轮次，{repeat} 次的中位数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Training time vs num_workers — {data}, batch {batch}, {epochs} epochs, median of {repeat}</source>
        <translation>训练时间与 num_workers — {data}，批大小 {batch}，{epochs} 个轮次，{repeat} 次的中位数</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Sweep</source>
        <translation>扫描</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Save the sweep table</source>
        <translation>保存扫描表格</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The table was not saved: {why}</source>
        <translation>表格未保存：{why}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Saved the table to {path}.</source>
        <translation>已把表格保存到 {path}。</translation>
    </message>
</context>
<context>
    <name>SweepPlot</name>
    <message>
        <location filename="../../diabetes_trainer/gui/plots/sweep_plot.py" line="+45"/>
        <source>Sweep chart</source>
        <translation>扫描图表</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>For each num_workers setting: the median training time split into worker start-up and steady state, the range of the repeats, and the fastest setting marked</source>
        <translation>每个 num_workers 设置的训练时间中位数（分为工作进程启动和稳定阶段）、重复运行的范围，并标出最快的设置</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Training loop time (s)</source>
        <translation>训练循环时间（秒）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>num_workers</source>
        <translation>num_workers</translation>
    </message>
    <message>
        <location line="+103"/>
        <source>{n} (failed)</source>
        <translation>{n}（失败）</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>fastest: 1 worker, {seconds} s</source>
        <translation>最快：1 个工作进程，{seconds} 秒</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>fastest: {n} workers, {seconds} s</source>
        <translation>最快：{n} 个工作进程，{seconds} 秒</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Steady state</source>
        <translation>稳定阶段</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Worker start-up</source>
        <translation>工作进程启动</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fastest–slowest repeat</source>
        <translation>最快–最慢的重复</translation>
    </message>
</context>
<context>
    <name>ThroughputReadout</name>
    <message>
        <location filename="../../diabetes_trainer/gui/views/throughput.py" line="+29"/>
        <source>Rows per second</source>
        <translation>每秒行数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Training rows of the current epoch so far, divided by the seconds since the epoch began</source>
        <translation>本轮到目前为止训练过的行数，除以本轮开始以来的秒数</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Rows/s –</source>
        <translation>行/秒 –</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{rate} rows/s</source>
        <translation>{rate} 行/秒</translation>
    </message>
</context>
<context>
    <name>ViewBox</name>
    <message>
        <location filename="../../diabetes_trainer/gui/plot_menu_strings.py" line="-13"/>
        <source>ViewBox options</source>
        <translation>视图选项</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>View All</source>
        <translation>显示全部</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>axis</source>
        <translation>轴</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mouse Mode</source>
        <translation>鼠标模式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>3 button</source>
        <translation>三键模式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>1 button</source>
        <translation>单键模式</translation>
    </message>
</context>
<context>
    <name>WorkersPanel</name>
    <message>
        <location filename="../../diabetes_trainer/gui/panels/workers_table.py" line="+36"/>
        <source>No training process yet.</source>
        <translation>还没有训练进程。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Workers summary</source>
        <translation>工作进程概要</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PID</source>
        <translation>进程号</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CPU %</source>
        <translation>CPU %</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Memory (RSS)</source>
        <translation>内存 (RSS)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unique memory (USS)</source>
        <translation>独占内存 (USS)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Last core</source>
        <translation>最近使用的核心</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Peak memory</source>
        <translation>峰值内存</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Training process and workers</source>
        <translation>训练进程和工作进程</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Our training process and each DataLoader worker, sampled twice a second. USS is the memory a process does not share: what it would free if it ended. Peak: the most unique memory (RSS where USS is unknown) seen during the run. After a run its last snapshot stays.</source>
        <translation>我们的训练进程和每个 DataLoader 工作进程，每秒采样两次。USS 是进程不与其他进程共享的内存：进程结束时会释放的部分。峰值：运行期间观察到的最大独占内存（USS 未知时用 RSS）。运行结束后保留最后一次快照。</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>1 DataLoader worker · its unique memory: {uss}</source>
        <translation>1 个 DataLoader 工作进程 · 独占内存：{uss}</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n DataLoader workers · their unique memory: {uss}</source>
        <translation>
            <numerusform>%n 个 DataLoader 工作进程 · 独占内存：{uss}</numerusform>
        </translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The run has ended. Its last snapshot: 1 DataLoader worker, peak unique memory {peak}.</source>
        <translation>运行已结束。最后一次快照：1 个 DataLoader 工作进程，独占内存峰值 {peak}。</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>The run has ended. Its last snapshot: %n DataLoader workers, together at most {peak} of unique memory.</source>
        <translation>
            <numerusform>运行已结束。最后一次快照：%n 个 DataLoader 工作进程，独占内存合计峰值 {peak}。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+12"/>
        <source>ended</source>
        <translation>已结束</translation>
    </message>
    <message>
        <location line="-23"/>
        <source>No training process running.</source>
        <translation>没有正在运行的训练进程。</translation>
    </message>
</context>
<context>
    <name>WorkersTable</name>
    <message>
        <location line="-83"/>
        <source>training process</source>
        <translation>训练进程</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>DataLoader worker</source>
        <translation>DataLoader 工作进程</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>other child</source>
        <translation>其他子进程</translation>
    </message>
</context>
<context>
    <name>exporting</name>
    <message>
        <location filename="../../diabetes_trainer/gui/exporting.py" line="+86"/>
        <source>Cannot export to {path}: the file type “{ext}” is not supported. Use a name ending in .png, .svg or .pdf.</source>
        <translation>无法导出到 {path}：不支持文件类型“{ext}”。请使用以 .png、.svg 或 .pdf 结尾的文件名。</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Could not make an image of {w} x {h} pixels: not enough memory. Try a smaller size.</source>
        <translation>无法生成 {w} x {h} 像素的图片：内存不足。请尝试更小的尺寸。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Could not paint an image of {w} x {h} pixels. Try a smaller size.</source>
        <translation>无法绘制 {w} x {h} 像素的图片。请尝试更小的尺寸。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>the figure</source>
        <translation>该图</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cannot export {what}: a size of {w} x {h} pixels is outside {lo}-{hi} pixels per side. Choose a size inside that range.</source>
        <translation>无法导出{what}：{w} x {h} 像素的尺寸超出了每边 {lo}-{hi} 像素的范围。请选择该范围内的尺寸。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cannot export {what}: {dpi} dots per inch is outside {lo}-{hi}. Use 150 for reports or 300 for print.</source>
        <translation>无法导出{what}：每英寸 {dpi} 点超出了 {lo}-{hi} 的范围。报告请用 150，印刷请用 300。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Could not encode {path} as PNG: {why}. Try SVG or PDF instead.</source>
        <translation>无法把 {path} 编码为 PNG：{why}。请改用 SVG 或 PDF。</translation>
    </message>
    <message>
        <location line="+18"/>
        <location line="+19"/>
        <source>Plot</source>
        <translation>图表</translation>
    </message>
    <message>
        <location line="-18"/>
        <source>Exported from {app}</source>
        <translation>导出自 {app}</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Could not start drawing {path} as {kind}. Try PNG instead.</source>
        <translation>无法开始把 {path} 绘制为 {kind}。请改用 PNG。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Could not finish drawing {path} as {kind}. Try PNG instead.</source>
        <translation>无法完成把 {path} 绘制为 {kind}。请改用 PNG。</translation>
    </message>
    <message>
        <location line="+89"/>
        <source>There is no plot to export in {name}.</source>
        <translation>{name} 中没有可导出的图表。</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Could not save {path}: the file name is too long. Choose a shorter name.</source>
        <translation>无法保存 {path}：文件名太长。请选择较短的名称。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Could not save {path}: the folder {folder} does not exist. Choose an existing folder.</source>
        <translation>无法保存 {path}：文件夹 {folder} 不存在。请选择一个已存在的文件夹。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Could not save {path}: no permission to write there. Choose a folder you can write to, or close the file if another program has it open.</source>
        <translation>无法保存 {path}：没有写入权限。请选择一个可写入的文件夹；如果其他程序打开了该文件，请先关闭它。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Could not save {path}: the drive is read-only. Choose another folder.</source>
        <translation>无法保存 {path}：该驱动器是只读的。请选择其他文件夹。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Could not save {path}: the disk is full. Free some space or choose another drive.</source>
        <translation>无法保存 {path}：磁盘已满。请释放一些空间或选择其他驱动器。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Could not save {path}: a folder has that name. Choose another file name.</source>
        <translation>无法保存 {path}：已有同名文件夹。请选择其他文件名。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Could not save {path}: {reason}. Choose another folder or file name.</source>
        <translation>无法保存 {path}：{reason}。请选择其他文件夹或文件名。</translation>
    </message>
</context>
<context>
    <name>figures</name>
    <message>
        <location filename="../../diabetes_trainer/gui/figures.py" line="+55"/>
        <source>batch {n}</source>
        <translation>批大小 {n}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>1 epoch</source>
        <translation>1 个轮次</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{n} epochs</source>
        <translation>{n} 个轮次</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>shuffle on</source>
        <translation>打乱：开</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>shuffle off</source>
        <translation>打乱：关</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>1 worker</source>
        <translation>1 个工作进程</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{n} workers</source>
        <translation>{n} 个工作进程</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>lr {lr}</source>
        <translation>学习率 {lr}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>final loss {loss}</source>
        <translation>最终损失 {loss}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>compared with {runs}</source>
        <translation>对比 {runs}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loss — {details}</source>
        <translation>损失 — {details}</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>median of {n} runs each</source>
        <translation>每项取 {n} 次运行的中位数</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>{ms} ms delay per sample</source>
        <translation>每个样本延迟 {ms} ms</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{ms} ms CPU per sample</source>
        <translation>每个样本 CPU {ms} ms</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>num_workers sweep</source>
        <translation>num_workers 扫描</translation>
    </message>
</context>
</TS>
