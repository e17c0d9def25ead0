// LoRA initialisation, dropout and the trainer's per-step reseeding all draw from libtorch's one
// process-wide generator; a test running in parallel would consume draws and break the resume
// tests' bit-exact replay. So the classes of this assembly run one after another.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
