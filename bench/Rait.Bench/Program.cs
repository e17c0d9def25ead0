// Benchmarks print ratios measured in one run; see bench/README.md. Suites register in BenchCatalog.
return Rait.Bench.BenchCatalog.Run(args);
