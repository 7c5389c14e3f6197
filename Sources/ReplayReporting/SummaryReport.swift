import Foundation
import ReplaySupport
import ReplayReading
import ReplayParsing
import ReplayPipeline
import ReplayCache

/// The run's account as summary.json: inputs, counts, the window, fingerprints, completeness.
package struct SummaryReport {
    package var result: ReplayResult
    package var affected: [AffectedSubject]
    /// The directory's rows of the affected subjects.
    package var directoryRows: [String: [String]]
    /// The subjects with possible pairs and no confirmed one (SPEC §3.7).
    package var possiblyAffected: [AffectedSubject]

    package init(result: ReplayResult, affected: [AffectedSubject], directoryRows: [String: [String]],
                 possiblyAffected: [AffectedSubject] = []) {
        self.result = result
        self.affected = affected
        self.directoryRows = directoryRows
        self.possiblyAffected = possiblyAffected
    }

    /// Exposures per minute (UTC) and rule, confirmed and possible (SPEC §4 `timeline`): one
    /// entry per minute with any, in time order.
    private func timeline() -> JSONValue {
        let r = result
        var minutes: [Int64: (confirmed: [Int], possible: [Int])] = [:]
        let rules = r.incident.rules.count
        // The lists are in time order: a minute's exposures come one after another, counted
        // together, with one access to `minutes` per minute.
        func count(_ list: [Exposure], possible: Bool) {
            var current = Int64.min
            var counts = [Int](repeating: 0, count: rules)
            func flush() {
                guard current != .min else { return }
                var entry = minutes[current] ?? ([Int](repeating: 0, count: rules), [Int](repeating: 0, count: rules))
                for i in 0..<rules where counts[i] > 0 {
                    if possible { entry.possible[i] += counts[i] } else { entry.confirmed[i] += counts[i] }
                }
                minutes[current] = entry
                for i in 0..<rules { counts[i] = 0 }
            }
            for e in list {
                let minute = e.time - ((e.time % 60_000) + 60_000) % 60_000
                if minute != current {
                    flush()
                    current = minute
                }
                counts[Int(e.rule)] += 1
            }
            flush()
        }
        count(r.exposures, possible: false)
        count(r.possibleExposures, possible: true)
        func byRule(_ counts: [Int]) -> JSONValue {
            .object(r.incident.rules.indices.filter { counts[$0] > 0 }.map { (r.incident.rules[$0].name, .int(counts[$0])) })
        }
        return .array(minutes.keys.sorted().map { minute in
            let entry = minutes[minute]!
            return .object([("minute", time(minute)), ("confirmed", byRule(entry.confirmed)), ("possible", byRule(entry.possible))])
        })
    }

    /// The possible pairs (SPEC §3.7): how many, of whom, by rule, field and country, the
    /// setting that made them possible, and what the run assumed.
    private func possible() -> JSONValue {
        let r = result
        let totals = r.totals
        var byRuleExposures = [Int](repeating: 0, count: r.incident.rules.count)
        for e in r.possibleExposures { byRuleExposures[Int(e.rule)] += 1 }
        let withPairs = AffectedSubject.from(r, r.possibleExposures)
        var subjectsByRuleName: [String: Int] = [:]
        for a in possiblyAffected { for name in a.rules { subjectsByRuleName[name, default: 0] += 1 } }
        var byField: [String: Int] = [:]
        for rule in r.incident.rules { for f in rule.fields { byField[f] = 0 } }
        for a in possiblyAffected { for f in a.fields { byField[f, default: 0] += 1 } }
        var entries: [(String, JSONValue)] = [
            ("exposures", .int(r.possibleExposures.count)),
            ("subjects", .int(possiblyAffected.count)),
            ("subjects_with_possible_pairs", .int(withPairs.count)),
        ] + viewers(of: r.possibleExposures) + [
            ("by_rule", .object(r.incident.rules.indices.map { i in
                (r.incident.rules[i].name, .object([("exposures", .int(byRuleExposures[i])),
                                                    ("subjects", .int(subjectsByRuleName[r.incident.rules[i].name] ?? 0))]))
            })),
            ("by_field", sortedKeys(byField)),
            ("exposures_by_field", exposuresByField(byRuleExposures)),
        ]
        if let c = r.incident.directory?.countryColumn {
            entries += countryEntries(people: possiblyAffected, pairs: withPairs, column: c)
        }
        entries.append(("caused_by", .object([("stores", .int(totals.possibleFromStores)), ("time", .int(totals.possibleFromTime)),
                                              ("lock", .int(totals.possibleFromLock)), ("hole", .int(totals.possibleFromHole))])))
        entries.append(("assumptions", .array(r.assumptions.map { .string($0) })))
        return .object(entries)
    }

    /// The run's warnings, with what only the directory can tell: affected subjects it lacks.
    package var warnings: [String] {
        var warnings = result.warnings
        if let directory = result.incident.directory, !affected.isEmpty {
            let missing = affected.filter { directoryRows[$0.subject] == nil }.count
            if missing == affected.count {
                warnings.append("none of the \(affected.count) affected subjects is in the directory (\(directory.path)): the subject or "
                                + "viewer variable is likely wrong (do the logs write ids as the directory does, without quotes?)")
            } else if missing > 0 {
                warnings.append("\(missing) of the \(affected.count) affected subjects are not in the directory (\(directory.path))")
            }
        }
        return warnings
    }

    /// The distinct viewers of `list`: signed-in accounts and anonymous addresses (`anon:`)
    /// apart, so that a count of people is not read into addresses.
    private func viewers(of list: [Exposure]) -> [(String, JSONValue)] {
        var seen = [Bool](repeating: false, count: result.people.count)
        var signedIn = 0, anonymous = 0
        for e in list where !seen[Int(e.viewer)] {
            seen[Int(e.viewer)] = true
            if result.people[Int(e.viewer)].hasPrefix("anon:") { anonymous += 1 } else { signedIn += 1 }
        }
        return [("distinct_viewers_signed_in", .int(signedIn)), ("distinct_viewers_anonymous", .int(anonymous))]
    }

    /// A path made absolute against the current folder (links resolved), so that a run's record is read the
    /// same from any folder.
    static func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path).resolvingSymlinksInPath().standardizedFileURL.path
    }

    private func time(_ t: Int64?) -> JSONValue { t.map { .string(CivilTime.format(milliseconds: $0)) } ?? .null }

    /// People by country (`unknown` for one the directory lacks or an empty cell), the same in
    /// the groups Art. 33 notifications are split by (EU/EEA, UK, US, other, unknown), and the
    /// exposures (records) of `pairs`' subjects by group.
    private func countryEntries(people: [AffectedSubject], pairs: [AffectedSubject], column c: Int) -> [(String, JSONValue)] {
        func country(_ a: AffectedSubject) -> String {
            let value = directoryRows[a.subject]?[c] ?? ""
            return value.isEmpty ? "unknown" : value
        }
        var byCountry: [String: Int] = [:]
        for a in people { byCountry[country(a), default: 0] += 1 }
        // Exposures by country first, then grouped: a country's group is worked out once per
        // country, not once per person (trimming and upper-casing took 0.15 s for 75 k people).
        var exposuresByCountry: [String: Int] = [:]
        for a in pairs { exposuresByCountry[country(a), default: 0] += a.exposures }
        var exposures: [CountryGroup: Int] = [:]
        for (group, n) in CountryGroup.grouped(exposuresByCountry) { exposures[group] = n }
        return [("by_country", sortedKeys(byCountry)),
                ("exposures_by_country", sortedKeys(exposuresByCountry)),
                ("by_country_group", .object(CountryGroup.grouped(byCountry).map { ($0.group.rawValue, .int($0.count)) })),
                ("exposures_by_country_group", .object(CountryGroup.allCases.map { ($0.rawValue, .int(exposures[$0] ?? 0)) }))]
    }

    /// Exposures (records) by kind of data: each exposure counts once for each field its
    /// page shows.
    private func exposuresByField(_ byRuleExposures: [Int]) -> JSONValue {
        var byField: [String: Int] = [:]
        for (i, rule) in result.incident.rules.enumerated() {
            for f in Set(rule.fields) { byField[f, default: 0] += byRuleExposures[i] }
        }
        return sortedKeys(byField)
    }

    private func sortedKeys(_ d: [String: Int]) -> JSONValue {
        .object(d.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.map { ($0, .int(d[$0]!)) })
    }

    package func json() -> JSONValue {
        let r = result
        let totals = r.totals
        let inputs: [JSONValue] = r.inputs.map { a in
            .object([
                ("path", .string(a.path)),
                ("other_paths", .array(a.otherPaths.map { .string($0) })),
                ("bytes", .int(a.report.bytes)),
                ("sha256", .string(a.report.sha256)),
                ("gzip", .bool(a.report.gzip)),
                ("gzip_members", .int(a.report.members)),
                ("decompressed_bytes", .int(a.report.decompressedBytes)),
                ("lines", .int(a.report.lines)),
                ("unverified", .int(a.report.unverifiedLines)),
                ("parsed", .int(a.parsed)),
                ("rejected", .int(a.rejected)),
                ("in_window", .int(a.inWindow)),
                ("first_time", time(a.firstTime)),
                ("complete", .bool(a.report.isComplete)),
                ("errors", .array(a.report.problems.map { p in
                    .object([("kind", .string(p.kind.rawValue)), ("offset", .int(p.offset)), ("detail", .string(p.detail))])
                })),
                ("rejected_lines", .array(a.rejections.map { .object([("line", .int($0.line)), ("reason", .string($0.reason))]) })),
                ("rejected_lines_not_listed", .int(a.rejected - a.rejections.count)),
            ])
        }
        var byRuleExposures = [Int](repeating: 0, count: r.incident.rules.count)
        for e in r.exposures { byRuleExposures[Int(e.rule)] += 1 }
        var subjectsByRuleName: [String: Int] = [:]
        for a in affected { for name in a.rules { subjectsByRuleName[name, default: 0] += 1 } }
        let byRule: JSONValue = .object(r.incident.rules.indices.map { i in
            (r.incident.rules[i].name, .object([("exposures", .int(byRuleExposures[i])),
                                                ("subjects", .int(subjectsByRuleName[r.incident.rules[i].name] ?? 0)),
                                                ("fields", .array(r.incident.rules[i].fields.map { .string($0) }))]))
        })
        let distinctViewers = r.viewerCount
        var byField: [String: Int] = [:]
        for rule in r.incident.rules { for f in rule.fields { byField[f] = 0 } }
        for a in affected { for f in a.fields { byField[f, default: 0] += 1 } }
        var directoryEntries: [(String, JSONValue)] = []
        if let directory = r.incident.directory {
            let missing = affected.filter { directoryRows[$0.subject] == nil }.count
            directoryEntries.append(("subjects_not_in_directory", .int(missing)))
            if let c = directory.countryColumn {
                directoryEntries += countryEntries(people: affected, pairs: affected, column: c)
            }
        }
        let reasons = r.incompleteness
        var entries: [(String, JSONValue)] = [
            ("tool", .object([("name", .string("replay")), ("version", .string(BuildInfo.version)), ("commit", .string(BuildInfo.commit)),
                              ("inflaters", .array(InflaterKind.allCases.map { .string($0.library) })),
                              ("packages", .object(BuildInfo.packages.map { ($0.name, .string($0.version)) }))])),
            ("incident", .object([("name", .string(r.incident.name)), ("file", .string(Self.absolute(r.incident.path))),
                                  ("sha256", .string(r.incident.sha256))])),
            ("window", .object([("start", time(r.window.start)), ("end", time(r.window.end)), ("given", .string(r.window.text))]
                               + (r.incident.rules.contains { $0.window.map { $0.start != r.window.start || $0.end != r.window.end } ?? false }
                                  ? [("by_rule", .object(r.incident.rules.map { rule in
                                        (rule.name, .object([("start", time(rule.window?.start ?? r.window.start)),
                                                             ("end", time(rule.window?.end ?? r.window.end))]))
                                    }))] : []))),
            ("coverage", .object([("from", time(r.coverage.start)), ("to", time(r.coverage.end)),
                                  ("gap_seconds", .int(Int(r.coverage.gap / 1000)))])),
            ("complete", .bool(reasons.isEmpty)),
            ("incomplete_because", .array(reasons.map { .string($0) })),
            ("warnings", .array(warnings.map { .string($0) })),
            ("nodes_checked", .bool(r.incident.nodes != nil)),
            ("lines", .object([
                ("read", .int(r.inputs.reduce(0) { $0 + $1.report.lines })),
                ("parsed", .int(r.inputs.reduce(0) { $0 + $1.parsed })),
                ("rejected", .int(r.inputs.reduce(0) { $0 + $1.rejected })),
                ("unverified", .int(r.inputs.reduce(0) { $0 + $1.report.unverifiedLines })),
                ("in_window", .int(r.inputs.reduce(0) { $0 + $1.inWindow })),
                ("late", .int(totals.lateLines)),
            ])),
            ("requests_matched", .int(totals.requests)),
            ("renders", .int(totals.renders)),
            ("deliveries", .int(totals.deliveries)),
            ("cache_deliveries", .int(totals.cacheDeliveries)),
            ("exposures", .int(r.exposures.count)),
            ("unresolved", .object([
                ("total", .int(totals.unresolved)),
                ("possibly_exposing", .int(r.nodes.reduce(0) { $0 + $1.possiblyExposing })),
            ])),
            ("affected_subjects", .int(affected.count)),
            ("distinct_viewers", .int(distinctViewers)),
        ] + viewers(of: r.exposures) + [
            ("by_rule", byRule),
            ("by_field", sortedKeys(byField)),
            ("exposures_by_field", exposuresByField(byRuleExposures)),
        ]
        entries += directoryEntries
        if let directory = r.incident.directory {
            // Where `explain` finds the directory from any folder, and how it knows it is the same.
            let digest = FileManager.default.contents(atPath: directory.path).map { SHA256.hex(of: [UInt8]($0)) } ?? ""
            entries.append(("directory", .object([("path", .string(Self.absolute(directory.path))), ("sha256", .string(digest))])))
        }
        entries.append(("possible", possible()))
        entries.append(("timeline", timeline()))
        entries += [
            ("nodes", .array(r.nodes.map { n in
                .object([
                    ("name", .string(n.name)),
                    ("first_time", time(n.firstTime)),
                    ("last_time", time(n.lastTime)),
                    ("covers_window", .bool(r.coverage.shortfall(first: n.firstTime, last: n.lastTime, silences: n.silences, edges: n.gapEdges) == nil)),
                    ("gap_seconds", .int(Int(n.largestGap / 1000))),
                    ("silences", .array(n.silences.prefix(100).map {
                        .object([("from", time($0.from)), ("to", time($0.to)), ("threshold_seconds", .int(Int($0.threshold / 1000)))])
                    })),
                    ("silences_not_listed", .int(max(0, n.silences.count - 100))),
                    ("holes", .array(n.holes.prefix(100).map {
                        .object([("from", $0.from == .min ? .null : time($0.from)), ("to", time($0.to)), ("cause", .string($0.cause.rawValue))])
                    })),
                    ("holes_not_listed", .int(max(0, n.holes.count - 100))),
                    ("requests_matched", .int(n.counts.requests)),
                    ("renders", .int(n.counts.renders)),
                    ("deliveries", .int(n.counts.deliveries)),
                    ("exposures", .int(n.counts.exposures)),
                    ("unresolved", .int(n.counts.unresolved)),
                    ("possibly_exposing", .int(n.possiblyExposing)),
                    ("late_lines", .int(n.counts.lateLines)),
                    ("keys_exposing_at_end", .int(n.keysExposingAtEnd)),
                ])
            })),
            ("inputs", .array(inputs)),
        ]
        return .object(entries)
    }
}
