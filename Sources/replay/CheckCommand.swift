import ArgumentParser
import Foundation
import ReplayKit
import ReplayParsing
import ReplayIncident
import ReplayPipeline

/// `replay check`: the dry run before the real one. Reads the first 64 MB of each node (or
/// everything with `--full`) against the incident file and says what it found, in counts,
/// variable names and byte offsets; log content only with `--show N`.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the incident file against the logs, without replaying: a dry run in seconds.",
        discussion: """
        Reads the first 64 MB of each node (--full: everything) and prints, per file, the lines \
        parsed and rejected with the first reasons; per variable of the pattern, the values \
        present and absent and the shapes seen; per rule, the requests matched; each cache \
        status with its count and what replay takes it for; and, with --window, each node's \
        coverage of the window. Exit 0 when everything read fits, 2 otherwise.

        --show N prints N parsed lines as name=value: the one place replay prints log content \
        (personal data); nothing else check prints is read from the logs.
        """
    )

    @Option(name: .long, help: "The incident file.")
    var rules: String = "replay.yaml"

    @Option(name: .long, help: "The bug window (START..END), to check each node's coverage of it.",
            transform: Window.init(parsing:))
    var window: Window?

    @Flag(name: .long, help: "Read every line of every file, not the first 64 MB of each node.")
    var full = false

    @Option(name: .long, help: "Print N parsed lines as name=value (log content: personal data).")
    var show: Int = 0

    @OptionGroup var reading: ReadingOptions

    @Argument(help: "Log files or directories.")
    var logs: [String] = []

    static let budget = 64 << 20

    func validate() throws {
        guard !logs.isEmpty else { throw ValidationError("name at least one log file or directory") }
        guard show >= 0 && show <= 10_000 else { throw ValidationError("--show takes a number from 0 to 10000") }
    }

    func run() throws {
        let investigation = try Investigation(rules: rules, logs: logs)
        let incident = investigation.incident
        // Per-page windows (rules[].window) give the span to cover when --window is not given.
        let window = self.window.flatMap { incident.runWindow($0) } ?? incident.runWindow(nil)
        let report = try investigation.check(jobs: reading.jobs, reader: reading.reader, window: window,
                                             budget: full ? nil : Self.budget, show: show)
        var out: [String] = []
        var bad = false
        out.append(report.full ? "replay check: read every line of every file"
                   : "replay check: read the first 64 MB of each node (--full reads everything)")
        out.append("")
        out.append("files:")
        for a in report.files {
            out.append("  \(a.path): \(a.report.lines) lines, \(a.parsed) parsed, \(a.rejected) rejected")
            for r in a.rejections.prefix(5) { out.append("    line \(r.line): \(r.reason)") }
            for p in a.report.problems { out.append("    \(p)") }
            if a.rejected > 0 || !a.report.isComplete { bad = true }
        }
        let parsed = report.files.reduce(0) { $0 + $1.parsed }
        let rejected = report.files.reduce(0) { $0 + $1.rejected }
        if rejected > 0 && rejected >= parsed {
            out.append("  most lines do not fit the log pattern: compare it with a line of the logs (the reasons above name the field and the byte)")
        }
        out.append("")
        out.append("variables (of the \(parsed) parsed lines):")
        let width = report.variables.map(\.name.count).max() ?? 0
        for v in report.variables {
            let shapes = v.shapes.sorted { $0.value > $1.value }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            out.append("  \(v.name.padding(toLength: width, withPad: " ", startingAt: 0))  \(v.present) present, \(v.absent) absent"
                       + (shapes.isEmpty ? "" : "; \(shapes)"))
        }
        out.append("")
        out.append("rules:")
        let silent = Dictionary(report.silentRules.map { ($0.rule.name, $0) }, uniquingKeysWith: { a, _ in a })
        // What was read decides a rule's silence when it was everything, or when it covered the window.
        let readCovers = report.full || (window != nil && !report.nodes.isEmpty && report.nodes.allSatisfy { $0.shortfall == nil })
        for (i, rule) in incident.rules.enumerated() {
            let n = report.matchedByRule[i]
            if let s = silent[rule.name] {
                out.append("  \(rule.name): " + s.message(read: report.full ? "the logs" : "what was read"))
                if !rule.mayMatchNothing && readCovers { bad = true }
            } else {
                out.append("  \(rule.name): \(n) requests matched")
            }
        }
        let examples = incident.rules.filter { $0.exampleLine != nil }
        if !examples.isEmpty {
            out.append("  the rules \(examples.map(\.name).joined(separator: ", ")) are `replay init`'s examples (example: true): "
                       + "write the incident's own pages in their place; a run refuses examples")
            bad = true
        }
        if let listed = incident.nodes {
            let found = Set(report.nodes.map(\.name)), want = Set(listed)
            let missing = want.subtracting(found).sorted(), extra = found.subtracting(want).sorted()
            if !missing.isEmpty || !extra.isEmpty {
                out.append("")
                out.append("nodes against log.nodes:")
                if !missing.isEmpty { out.append("  listed, with no log file: \(missing.joined(separator: ", "))") }
                if !extra.isEmpty { out.append("  with logs, not listed: \(extra.joined(separator: ", "))") }
                bad = true
            }
        }
        if let cache = incident.cache {
            out.append("")
            out.append("cache statuses ($\(cache.status)) of the matched requests:")
            for s in report.statuses {
                out.append("  \(s.value.isEmpty ? "(empty)" : s.value): \(s.count), \(s.role)")
                if s.role.hasPrefix("UNKNOWN") { bad = true }
            }
            if report.statuses.isEmpty { out.append("  none") }
        }
        if let cache = incident.cache {
            let s = report.stores
            out.append("")
            out.append("stores and times (SPEC 3.7):")
            out.append("  \(s.stored) stored-status lines: \(s.undecided) whose store the logs cannot decide"
                       + (cache.storesCertain ? "" : " (cache.stores: uncertain)") + ", \(s.declined) declined by cache.not_stored")
            out.append("  \(s.deliveries) cache deliveries, \(s.afterUndecided) of them depend on an undecided store (not a fresh HIT, after an undecided store of their key)"
                       + (s.afterUndecided > 0 ? ": logging $upstream_http_set_cookie and $upstream_http_cache_control, naming them in cache.not_stored and saying stores: certain would decide them" : ""))
            if incident.spans {
                out.append("  $request_time is logged: each request is a span" + (incident.storeTimes ? ", its store at its upstream answer's end" : "; log $upstream_response_time to place each store"))
            } else if incident.maxRequest > 0 {
                out.append("  $request_time is not logged: requests may have lasted up to log.max_request (\(incident.maxRequest) ms); logging $request_time and $upstream_response_time would place each lookup and store")
            } else {
                out.append("  log.max_request: 0: every line is read as an instant")
            }
        }
        if window != nil {
            out.append("")
            out.append("nodes (coverage of the window\(report.full ? "" : ", from the lines read")):")
            for n in report.nodes {
                let span = n.first.map { "\(CivilTime.format(milliseconds: $0)) to \(CivilTime.format(milliseconds: n.last ?? $0))" } ?? "no parsed line"
                if let longest = n.longest {
                    out.append("  \(n.name): longest silence \((longest.to - longest.from) / 1000) s from \(CivilTime.format(milliseconds: longest.from)), "
                               + "\(longest.threshold / 1000) s allowed there\(incident.gapGiven ? " (log.gap)" : " (from its traffic)")")
                } else if let gap = n.gap {
                    out.append("  \(n.name): no silence longer than allowed (\(gap / 1000) s at the end of its lines\(incident.gapGiven ? ", log.gap" : ", from its traffic"))")
                }
                if let short = n.shortfall {
                    out.append("  \(n.name): \(span); does not cover the window: \(short)")
                    if report.full { bad = true }
                } else {
                    out.append("  \(n.name): \(span); covers the window")
                }
            }
            if report.files.allSatisfy({ $0.inWindow == 0 }) {
                out.append("  no line read falls inside the window")
                if report.full { bad = true }
            }
        }
        if incident.reorder > 5 * 60_000 {
            // A large allowance hides what it is for: lines of several servers in one stream.
            out.append("")
            out.append("log.reorder is \(FleetCheck.duration(incident.reorder)):")
            out.append(report.lateAtAMinute == 0
                       ? "  no line read is more than 60 s behind its node's newest line: the default (60s) would do"
                       : "  at 60 s (the default), \(report.lateAtAMinute) of the lines read would be late (more than a minute behind "
                         + "their node's newest line): are several servers' logs in one file or folder? Give each node its own "
                         + "(log.node) rather than a larger log.reorder")
        }
        if !report.shown.isEmpty {
            out.append("")
            out.append("the first \(report.shown.count) parsed lines (--show):")
            for line in report.shown { out.append("  " + line) }
        }
        guard Console.out(out.joined(separator: "\n") + "\n") else { throw ExitCode(ExitStatus.notWritten.rawValue) }
        if bad { throw ExitCode(ExitStatus.incomplete.rawValue) }
    }
}
