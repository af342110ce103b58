#!/usr/bin/env node
// Prints one table from Google Benchmark JSON outputs (tools/bench runs it).
//
//   node bench/report.mjs bench/anchors.json out1.json [out2.json ...]
//
// Per benchmark: its figure; its ratio to the references of the same program
// (benchmarks named reference_*, all of them or those anchors.json lists for
// it), measured in the same run; and, when anchors.json has an entry, the
// anchor (another SDK's figure on this machine
// class), our ratio to it, the targets and whether they are met: "target",
// an absolute figure, and "target_ratio", a ratio to the first of its
// "references" (e.g. 1.5: at most 1.5x that reference, measured in the same
// run). An empty output (a program none of whose benchmarks matched a
// filter) adds no row.
//
// Times are the CPU time of the benchmark's thread (the caller's cost: on a
// shared machine wall time mostly measures the other processes), except for
// benchmarks declared with UseRealTime() (their name ends in "/real_time":
// latencies such as close() or delivery rates), whose figure is wall time.
// Exit status 0 (figures are information, not a test).

import { readFileSync } from "node:fs";
import { basename } from "node:path";

const [anchorsFile, ...outputs] = process.argv.slice(2);
if (!anchorsFile || outputs.length === 0) {
  console.error("usage: report.mjs anchors.json benchmark-output.json...");
  process.exit(2);
}
const anchors = JSON.parse(readFileSync(anchorsFile, "utf8"));

const toNs = { ns: 1, us: 1e3, ms: 1e6, s: 1e9 };
const formatTime = (ns) => {
  if (ns >= 1e6) return `${(ns / 1e6).toFixed(2)} ms`;
  if (ns >= 1e3) return `${(ns / 1e3).toFixed(2)} µs`;
  return `${ns.toFixed(1)} ns`;
};
// Counters: events per second unless anchors.json gives another unit ("MB").
const formatValue = (metric, v, unit = "/s") => {
  if (metric === "time") return formatTime(v);
  if (unit === "/s") return `${Math.round(v).toLocaleString("en-US")}/s`;
  return `${v.toLocaleString("en-US", { maximumFractionDigits: 1 })} ${unit}`;
};
const ratio = (a, b) => (b > 0 ? `${(a / b).toFixed(2)}x` : "-");

const rows = [];
for (const file of outputs) {
  let data;
  try {
    const text = readFileSync(file, "utf8");
    if (text.trim() === "") continue;
    // Google Benchmark writes NaN (not JSON) for statistics it cannot compute.
    data = JSON.parse(text.replace(/:\s*-?nan\b/gi, ": null"));
  } catch (err) {
    rows.push({ program: basename(file), name: `(unreadable: ${err.message})` });
    continue;
  }
  const program = basename(file, ".json").replace(/^sentry_cpp_bench_/, "");
  // With --repetitions, the median of the repetitions stands for the benchmark.
  const all = data.benchmarks ?? [];
  const medians = all.filter((b) => b.run_type === "aggregate" && b.aggregate_name === "median")
    .map((b) => ({ ...b, name: b.run_name ?? b.name.replace(/_median$/, "") }));
  const results = medians.length ? medians : all.filter((b) => (b.run_type ?? "iteration") === "iteration");
  const seconds = (b) => (b.name.endsWith("/real_time") ? b.real_time : b.cpu_time);
  const figure = (b, metric) => (metric === "time" ? seconds(b) * (toNs[b.time_unit] ?? 1) : b[metric]);
  // "deliver_events/iterations:3/real_time" is deliver_events in anchors.json.
  const base = (b) => b.name.split("/")[0];
  const references = results.filter((b) => b.name.startsWith("reference_"));
  for (const b of results) {
    const anchor = anchors[base(b)];
    // A reference is shown in the metric of the benchmark that lists it.
    const shape = anchor ?? Object.values(anchors).find((a) => a?.references?.includes(base(b)));
    const metric = shape?.metric ?? "time";
    const value = figure(b, metric);
    const unit = shape?.unit;
    const row = { program, name: base(b), figure: b.error_occurred ? `error: ${b.error_message}` : formatValue(metric, value, unit) };
    if (!b.name.startsWith("reference_") && !b.error_occurred) {
      const wanted = anchor?.references;
      row.references = references
        .filter((r) => !wanted || wanted.includes(base(r)))
        .map((r) => `${ratio(value, figure(r, metric))} ${base(r).replace(/^reference_/, "")}`)
        .join("; ");
    }
    if (anchor && !b.error_occurred) {
      const lowerIsBetter = (anchor.better ?? "lower") === "lower";
      if (anchor.anchor !== undefined) {
        row.anchor = `${formatValue(metric, anchor.anchor, unit)} ${anchor.anchor_from ?? ""}`.trim();
        row.vsAnchor = lowerIsBetter ? `${ratio(anchor.anchor, value)} better` : `${ratio(value, anchor.anchor)}`;
      }
      const meets = (v, target) => (lowerIsBetter ? v <= target : v >= target);
      const sign = lowerIsBetter ? "≤" : "≥";
      const targets = [];
      if (anchor.target !== undefined) {
        targets.push(`${sign} ${formatValue(metric, anchor.target, unit)} ${meets(value, anchor.target) ? "met" : "MISSED"}`);
      }
      if (anchor.target_ratio !== undefined) {
        const name = anchor.references?.[0];
        const r = results.find((x) => base(x) === name && !x.error_occurred);
        const of = `${sign} ${anchor.target_ratio.toFixed(2)}x ${String(name).replace(/^reference_/, "")}`;
        const v = r ? figure(r, metric) : 0;
        targets.push(v > 0 ? `${of} ${meets(value / v, anchor.target_ratio) ? "met" : "MISSED"}` : `${of} (not run)`);
      }
      if (targets.length) row.target = targets.join("; ");
    }
    rows.push(row);
  }
}

const columns = [
  ["program", "program"], ["name", "benchmark"], ["figure", "figure"],
  ["references", "ratio to references (same run)"], ["anchor", "anchor"],
  ["vsAnchor", "vs anchor"], ["target", "target"],
];
const widths = columns.map(([key, title]) => Math.max(title.length, ...rows.map((r) => String(r[key] ?? "").length)));
const line = (cells) => cells.map((c, i) => String(c ?? "").padEnd(widths[i])).join(" | ").trimEnd();
console.log(line(columns.map(([, title]) => title)));
console.log(widths.map((w) => "-".repeat(w)).join("-|-"));
for (const row of rows) console.log(line(columns.map(([key]) => row[key])));
