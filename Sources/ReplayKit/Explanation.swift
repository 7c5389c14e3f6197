import Foundation
import ReplayIncident
import ReplayReporting
import ReplaySupport

/// What one person is told about a finished run (`replay explain`, GDPR Art. 34), page by page:
/// which kinds of data, first and last time, how many times and to how many different people,
/// confirmed or possible. Other people appear only as counts; the file and line of each
/// exposure are there for the engineer who asks for them (`evidence`).
package struct Explanation {
    /// One exposure of the subject, as the engineer's evidence (no viewer id).
    package struct Sighting {
        package var time: String
        package var node: String
        package var rule: String
        package var file: String
        package var line: String
        package var delivery: String
        package var confirmed: Bool
        /// The viewer, kept only to be counted (never printed).
        var viewer: String
    }

    /// One page (a rule) that showed the subject's data: its own kinds of data, times and counts.
    package struct Page {
        package var rule: String
        package var fields: [String]
        package var first: String
        package var last: String
        package var confirmed = 0
        package var confirmedViewers = 0
        package var possible = 0
        /// Viewers of the page's possible pairs who are not among its confirmed ones.
        package var possibleViewers = 0
    }

    package enum Standing: String {
        case confirmed, possible
        case notAffected = "not_affected"
        case unknown
        /// No exposure found, and no directory to check the id against: a typo would look the same.
        case unchecked
    }

    package var subject: String
    package var standing: Standing
    /// Whether the directory knows the id (nil: no directory to ask, and why).
    package var known: Bool?
    package var unknownBecause: String?
    /// The kinds of data shown on any page.
    package var fields: [String] = []
    package var pages: [Page] = []
    package var confirmed: [Sighting] = []
    package var possible: [Sighting] = []
    package var confirmedViewers = 0
    /// Viewers of possible pairs who are not among the confirmed ones.
    package var possibleViewers = 0
    package var timezone: String?
    package var complete: Bool
    package var incompleteBecause: [String]
    package var incident: String

    /// Reads the subject's rows of the run in `folder`; `directory` (the incident's, when it can
    /// be loaded) tells whether an id with no exposure is known.
    package init(subject: String, folder: RunFolder, directory: Result<Directory?, ReplayFailure>) throws(ReplayFailure) {
        // The id as the outputs write it: `\xHH` typed or the byte itself, any other `\` literal.
        let subject = IdText.escaped(IdText.unescaped(subject))
        self.subject = subject
        complete = folder.complete
        incompleteBecause = folder.incompleteBecause
        incident = IdText.safe(folder.incidentName)
        let confirmedRows = try folder.rows(of: "exposures.csv", where: "subject", is: subject)
        let possibleRows = try folder.rows(of: "possible-exposures.csv", where: "subject", is: subject)
        func sightings(_ table: (header: [String], rows: [[String]]), confirmed: Bool) -> ([Sighting], Set<String>) {
            func column(_ name: String) -> Int { table.header.firstIndex(of: name) ?? 0 }
            let (time, node, rule, viewer, file, line, delivery) = (column("time"), column("node"), column("rule"), column("viewer"),
                                                                    column("file"), column("line"), column("delivery"))
            // A row shorter than the header cannot be read (SHA256SUMS held, so replay wrote none).
            let list = table.rows.filter { $0.count >= table.header.count }.map { r in
                Sighting(time: r[time], node: r[node], rule: r[rule], file: r[file], line: r[line], delivery: r[delivery],
                         confirmed: confirmed, viewer: r[viewer])
            }
            return (list, Set(list.map(\.viewer)))
        }
        let (c, cv) = sightings(confirmedRows, confirmed: true)
        let (p, pv) = sightings(possibleRows, confirmed: false)
        confirmed = c
        possible = p
        confirmedViewers = cv.count
        possibleViewers = pv.subtracting(cv).count
        // Names and values from the incident file and the directory, shown as every output shows them.
        pages = Self.pages(c + p, fieldsByRule: folder.fieldsByRule).map { page in
            var page = page
            page.rule = IdText.safe(page.rule)
            page.fields = page.fields.map(IdText.safe)
            return page
        }
        fields = Set(pages.flatMap(\.fields)).sorted()
        standing = !c.isEmpty ? .confirmed : !p.isEmpty ? .possible : .notAffected

        // The directory: whether the id is known, and the person's time zone.
        switch directory {
        case .success(let directory?):
            let rows = (try? directory.rows(for: [subject])) ?? [:]
            known = rows[subject] != nil
            if let row = rows[subject], let tz = directory.columns.firstIndex(where: { ["timezone", "time_zone", "tz"].contains($0.lowercased()) }),
               tz < row.count, !row[tz].isEmpty {
                timezone = IdText.safe(row[tz])
            }
        case .success(nil):
            unknownBecause = "the incident file names no directory"
        case .failure(let failure):
            unknownBecause = failure.message
        }
        if standing == .notAffected && known == false { standing = .unknown }
        if standing == .notAffected && known == nil { standing = .unchecked }
    }

    /// The sightings grouped by page, in the order the pages first showed the data.
    static func pages(_ sightings: [Sighting], fieldsByRule: [String: [String]]) -> [Page] {
        Dictionary(grouping: sightings, by: \.rule).map { rule, list in
            let times = list.map(\.time).sorted()
            let confirmedViewers = Set(list.filter(\.confirmed).map(\.viewer))
            let possibleViewers = Set(list.filter { !$0.confirmed }.map(\.viewer)).subtracting(confirmedViewers)
            return Page(rule: rule, fields: (fieldsByRule[rule] ?? []).sorted(), first: times.first!, last: times.last!,
                        confirmed: list.filter(\.confirmed).count, confirmedViewers: confirmedViewers.count,
                        possible: list.filter { !$0.confirmed }.count, possibleViewers: possibleViewers.count)
        }.sorted { ($0.first, $0.rule) < ($1.first, $1.rule) }
    }

    /// The exit status: 1 for an id the directory does not know, 2 when the run is incomplete.
    package var status: ExitStatus {
        if standing == .unknown || standing == .unchecked { return .failed }
        return complete ? .complete : .incomplete
    }

    private var all: [Sighting] { (confirmed + possible).sorted { ($0.time, $0.file, $0.line) < ($1.time, $1.file, $1.line) } }

    /// A UTC time of the run with its local time in the person's zone, when known.
    func local(_ utc: String) -> String? {
        guard let timezone, let zone = TimeZone(identifier: timezone), let ms = ReportPage.milliseconds(utc) else { return nil }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss zzz"
        return formatter.string(from: Date(timeIntervalSince1970: Double(ms) / 1000)) + " (\(timezone))"
    }

    // MARK: Text

    package func text(evidence: Bool) -> String {
        var lines: [String] = []
        let runNote = complete ? "" : "; the run is incomplete because " + incompleteBecause.joined(separator: "; ")
        switch standing {
        case .unknown:
            return "\(subject): unknown id: the directory has no such person, and no exposure of it was found (incident \(incident))\n"
        case .unchecked:
            return "\(subject): no exposure of this id was found, but it could not be checked against a directory "
                + "(\(unknownBecause ?? "none")): a mistyped id would look the same, so this is not an answer; "
                + "name the directory with --directory FILE\n"
        case .notAffected:
            if complete {
                lines.append("\(subject): not affected by this incident (\(incident)): no page showing their data was delivered to anybody else.")
            } else {
                lines.append("\(subject): no exposure found, but the run is incomplete because " + incompleteBecause.joined(separator: "; ")
                             + ": exposures may be missing.")
            }
            if let unknownBecause { lines.append("(Whether the directory knows this id was not checked: \(unknownBecause).)") }
            return lines.joined(separator: "\n") + "\n"
        case .confirmed, .possible:
            break
        }
        lines.append("\(subject): \(standing == .confirmed ? "affected (confirmed)" : "possibly affected") by \(incident)\(runNote)")
        lines.append("  data shown:   \(fields.joined(separator: ", ")) (in all)")
        for page in pages {
            lines.append("  on page \(page.rule):")
            lines.append("    data shown:  \(page.fields.joined(separator: ", "))")
            lines.append("    first shown: \(page.first) (UTC)" + (local(page.first).map { ", \($0) local time" } ?? ""))
            lines.append("    last shown:  \(page.last) (UTC)" + (local(page.last).map { ", \($0) local time" } ?? ""))
            if page.confirmed > 0 {
                lines.append("    confirmed:   shown \(Self.times(page.confirmed)) to \(Self.people(page.confirmedViewers))")
            }
            if page.possible > 0 {
                lines.append("    possible:    may have been shown \(Self.times(page.possible, more: page.confirmed > 0))"
                             + (page.possibleViewers > 0 ? ", to \(Self.people(page.possibleViewers, more: page.confirmed > 0))" : "")
                             + " (the logs cannot tell which of several cached pages those deliveries served)")
            }
        }
        if pages.count > 1 {
            lines.append("  in all:       " + (confirmed.isEmpty ? "" : "shown \(Self.times(confirmed.count)) to \(Self.people(confirmedViewers))")
                         + (confirmed.isEmpty || possible.isEmpty ? "" : "; ")
                         + (possible.isEmpty ? "" : "may have been shown \(Self.times(possible.count, more: !confirmed.isEmpty))"
                            + (possibleViewers > 0 ? ", to \(Self.people(possibleViewers, more: !confirmed.isEmpty))" : "")))
        }
        let sorted = all
        if timezone != nil && sorted.first.flatMap({ local($0.time) }) == nil {
            lines.append("  (the directory's time zone \(timezone!) is not one this machine knows; times are UTC)")
        }
        if evidence {
            lines.append("  evidence (time, node, page, delivery, file:line):")
            for s in sorted {
                lines.append("    \(s.time)  \(s.node)  \(s.rule)  \(s.delivery)\(s.confirmed ? "" : " (possible)")  \(s.file):\(s.line)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func times(_ n: Int, more: Bool = false) -> String { "\(n)\(more ? " more" : "") time\(n == 1 ? "" : "s")" }

    static func people(_ n: Int, more: Bool = false) -> String {
        "\(n) \(more ? "more" : "different") \(n == 1 ? "person" : "people")"
    }

    // MARK: JSON

    package func json(evidence: Bool) -> String {
        let sorted = all
        func shown(_ first: String, _ last: String) -> JSONValue {
            .object([("first", .string(first)), ("last", .string(last))]
                    + (timezone != nil ? [("first_local", local(first).map { .string($0) } ?? .null),
                                          ("last_local", local(last).map { .string($0) } ?? .null)] : []))
        }
        let pageValues: [JSONValue] = pages.map { page in
            .object([("rule", .string(page.rule)), ("fields", .array(page.fields.map { .string($0) })),
                     ("shown", shown(page.first, page.last)),
                     ("confirmed", .object([("exposures", .int(page.confirmed)), ("viewers", .int(page.confirmedViewers))])),
                     ("possible", .object([("exposures", .int(page.possible)), ("more_viewers", .int(page.possibleViewers))]))])
        }
        var entries: [(String, JSONValue)] = [
            ("subject", .string(subject)),
            ("incident", .string(incident)),
            ("standing", .string(standing.rawValue)),
            ("known", known.map { .bool($0) } ?? .null),
            ("run_complete", .bool(complete)),
            ("incomplete_because", .array(incompleteBecause.map { .string($0) })),
            ("fields", .array(fields.map { .string($0) })),
            ("timezone", timezone.map { .string($0) } ?? .null),
            ("pages", .array(pageValues)),
            ("confirmed", .object([("exposures", .int(confirmed.count)), ("viewers", .int(confirmedViewers))])),
            ("possible", .object([("exposures", .int(possible.count)), ("more_viewers", .int(possibleViewers))])),
        ]
        if evidence {
            entries.append(("evidence", .array(sorted.map { s in
                .object([("time", .string(s.time)), ("node", .string(s.node)), ("rule", .string(s.rule)), ("delivery", .string(s.delivery)),
                         ("confirmed", .bool(s.confirmed)), ("file", .string(s.file)), ("line", .int(Int(s.line) ?? 0))])
            })))
        }
        return JSONValue.object(entries).serialized() + "\n"
    }
}
