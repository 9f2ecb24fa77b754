/** The benchmarks of BENCHMARKS.md: the rules against the reference evaluator on seeded workloads, under JMH. */
package cn.jinhua.ducha.bench;
