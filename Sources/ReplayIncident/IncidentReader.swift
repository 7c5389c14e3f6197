import Foundation
import ReplayCSV
import Yams
import ReplayParsing

/// Walks the YAML tree of an incident file, checking every key against what replay knows and
/// every variable against what the log pattern provides.
struct IncidentReader {
    let file: String
    let folder: String

    private static let topKeys = ["incident", "log", "viewer", "anonymous", "cache", "rules", "tables", "directory"]
    private static let logKeys = ["format", "pattern", "node", "nodes", "reorder", "escape", "gap", "max_request"]
    private static let cacheKeys = ["key", "status", "served", "stored", "refresh", "max_age", "stores", "not_stored", "lock"]
    private static let ruleKeys = ["name", "method", "path", "status", "subject", "fields", "window", "may_match_nothing", "example"]
    private static let tableSubjectKeys = ["table", "key"]

    func fail(_ node: Node?, _ key: String, _ message: String) -> IncidentError {
        IncidentError(file: file, line: node?.mark?.line, key: key, message: message)
    }

    /// The entries of a mapping, refusing unknown, misspelt and repeated keys.
    func entries(_ node: Node, _ key: String, allowed: [String]) throws -> [String: Node] {
        guard let mapping = node.mapping else { throw fail(node, key, "expected a mapping of keys") }
        var result: [String: Node] = [:]
        for (k, v) in mapping {
            guard let name = k.scalar?.string else { throw fail(k, key, "a key must be text") }
            let path = key.isEmpty ? name : "\(key).\(name)"
            guard allowed.contains(name) else {
                let hint = allowed.min { editDistance($0, name) < editDistance($1, name) }
                    .flatMap { editDistance($0, name) <= 2 ? " (did you mean '\($0)'?)" : nil } ?? ""
                throw fail(k, path, "unknown key\(hint); known keys here: \(allowed.joined(separator: ", "))")
            }
            guard result[name] == nil else { throw fail(k, path, "this key appears twice") }
            result[name] = v
        }
        return result
    }

    func text(_ node: Node, _ key: String) throws -> String {
        guard let scalar = node.scalar else { throw fail(node, key, "expected a single value") }
        return scalar.string
    }

    func texts(_ node: Node, _ key: String) throws -> [String] {
        if let sequence = node.sequence {
            return try sequence.enumerated().map { try text($0.element, "\(key)[\($0.offset)]") }
        }
        return [try text(node, key)]
    }

    /// A duration with its unit (`60s`, `500ms`, `2m`, `1h`; `0` alone), in milliseconds.
    func duration(_ node: Node?, _ key: String) throws -> Int64? {
        guard let node else { return nil }
        let value = try text(node, key)
        guard let ms = DurationText.milliseconds(value) else {
            let hint = Int64(value.trimmingCharacters(in: .whitespaces)) != nil ? " with its unit (\(value)s? \(value)ms?)" : ""
            throw fail(node, key, "expected a duration\(hint) such as 60s, 500ms, 2m or 1h")
        }
        return ms
    }

    func resolvePath(_ p: String) -> String {
        p.hasPrefix("/") || folder.isEmpty ? p : (folder as NSString).appendingPathComponent(p)
    }

    func csv<Table>(_ node: Node, _ key: String, _ read: (String) throws -> Table) throws -> Table {
        let name = try text(node, key)
        let path = resolvePath(name)
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw fail(node, key, "cannot read '\(path)' (missing or unreadable)")
        }
        do { return try read(path) } catch let error as CSVReader.Failure {
            throw fail(node, key, "'\(path)' \(error)")
        } catch {
            throw fail(node, key, "cannot read '\(path)': \(error.localizedDescription)")
        }
    }

    /// A template whose variables the pattern must provide.
    func template(_ node: Node, _ key: String, pattern: LogPattern) throws -> ValueTemplate {
        let source = try text(node, key)
        let template: ValueTemplate
        do { template = try ValueTemplate(source) } catch { throw fail(node, key, "\(error)") }
        guard !template.variables.isEmpty else { throw fail(node, key, "'\(source)' names no variable") }
        for name in template.variables where Variable.resolve(name, in: pattern) == nil {
            throw fail(node, key, "the log pattern cannot provide $\(name)")
        }
        return template
    }

    mutating func incident(_ root: Node, sha256: String) throws -> Incident {
        let top = try entries(root, "", allowed: Self.topKeys)
        let name = try top["incident"].map { try text($0, "incident") } ?? ""
        let log = try logSection(top, root)
        let (viewer, anonymous) = try viewers(top, root, log.pattern)
        let cache = try cacheSection(top, log.pattern)
        let tables = try tablesSection(top)
        let rules = try rulesSection(top, root, tables: tables)
        let directory = try directorySection(top)
        var incident = Incident(name: name, path: file, sha256: sha256, pattern: log.pattern, timeFormat: log.timeFormat, node: log.node,
                                reorder: log.reorder, gap: log.gap, maxRequest: log.maxRequest, viewer: viewer, anonymous: anonymous,
                                cache: cache, rules: rules, tables: tables, directory: directory)
        incident.nodes = log.nodes
        incident.gapGiven = log.gapGiven
        return incident
    }

    /// What the `log` section says.
    struct LogSection {
        var pattern: LogPattern
        var timeFormat: TimeFormat
        var node: NodeSource
        var nodes: [String]?
        var reorder: Int64
        var gap: Int64
        var gapGiven: Bool
        var maxRequest: Int64
    }

    /// `log`: the pattern (which must log a time, a request and a status), where the node's
    /// name comes from, and the times replay allows the logs.
    private func logSection(_ top: [String: Node], _ root: Node) throws -> LogSection {
        guard let logNode = top["log"] else { throw fail(root, "log", "missing: the log section (format and pattern) is required") }
        let log = try entries(logNode, "log", allowed: Self.logKeys)
        if let format = log["format"] {
            guard try text(format, "log.format") == "nginx" else { throw fail(format, "log.format", "only 'nginx' is supported") }
        }
        guard let patternNode = log["pattern"] else { throw fail(logNode, "log.pattern", "missing: an nginx log_format value (or combined, main)") }
        var escape = EscapeMode.default
        if let e = log["escape"] {
            guard let mode = EscapeMode(rawValue: try text(e, "log.escape")) else { throw fail(e, "log.escape", "expected default, json or none") }
            escape = mode
        }
        let pattern: LogPattern
        do { pattern = try LogPattern(try text(patternNode, "log.pattern"), escape: escape) } catch let error as LogPattern.CompileError {
            throw fail(patternNode, "log.pattern", error.message)
        }
        let names = Set(pattern.fields.map(\.name))
        guard let timeFormat = TimeFormat.best(in: names) else {
            throw fail(patternNode, "log.pattern", "the pattern has no time variable ($time_local, $time_iso8601 or $msec)")
        }
        guard names.contains("request") || (names.contains("request_method") && names.contains("request_uri")) else {
            throw fail(patternNode, "log.pattern", "the pattern has no request ($request, or $request_method with $request_uri)")
        }
        guard names.contains("status") else { throw fail(patternNode, "log.pattern", "the pattern has no $status") }
        var node = NodeSource.dir
        if let n = log["node"] {
            let value = try text(n, "log.node")
            if value.hasPrefix("dir:") {
                guard let levels = Int(value.dropFirst(4)), levels >= 1, levels <= 64 else {
                    throw fail(n, "log.node", "expected dir:N with N a number of folders up from the file (dir:1 its own folder, dir:2 the one above)")
                }
                node = .directory(levels: levels, acceptsDateNames: true)
            } else if value != "dir" {
                let t = try template(n, "log.node", pattern: pattern)
                guard t.parts.count == 1, let v = t.variables.first else { throw fail(n, "log.node", "expected dir or one variable such as $hostname") }
                node = .variable(v)
            }
        }
        return LogSection(pattern: pattern, timeFormat: timeFormat, node: node, nodes: try log["nodes"].map(nodeList),
                          reorder: try duration(log["reorder"], "log.reorder") ?? 60_000,
                          gap: try duration(log["gap"], "log.gap") ?? 600_000, gapGiven: log["gap"] != nil,
                          maxRequest: try duration(log["max_request"], "log.max_request") ?? 2_000)
    }

    /// `log.nodes`: a list of names, or `{file: nodes.txt}` with one name a line (blank lines
    /// and lines starting with `#` skipped).
    private func nodeList(_ node: Node) throws -> [String] {
        var names: [String]
        if node.mapping != nil {
            let m = try entries(node, "log.nodes", allowed: ["file"])
            guard let f = m["file"] else { throw fail(node, "log.nodes.file", "missing: the file that lists the nodes, one a line") }
            let path = resolvePath(try text(f, "log.nodes.file"))
            guard let data = FileManager.default.contents(atPath: path) else {
                throw fail(f, "log.nodes.file", "cannot read '\(path)' (missing or unreadable)")
            }
            guard let content = String(data: data, encoding: .utf8) else { throw fail(f, "log.nodes.file", "'\(path)' is not UTF-8") }
            names = content.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty && !$0.hasPrefix("#") }
            guard !names.isEmpty else { throw fail(f, "log.nodes.file", "'\(path)' lists no node") }
        } else {
            guard node.sequence != nil else { throw fail(node, "log.nodes", "expected a list of node names, or {file: nodes.txt}") }
            names = try texts(node, "log.nodes")
            guard !names.isEmpty else { throw fail(node, "log.nodes", "an empty list: name the nodes the logs must come from") }
            if let blank = names.firstIndex(where: \.isEmpty) { throw fail(node, "log.nodes[\(blank)]", "an empty node name") }
        }
        return names
    }

    /// `viewer` and `anonymous`: who received a response (`$remote_addr` for the anonymous
    /// when the pattern has it).
    private func viewers(_ top: [String: Node], _ root: Node, _ pattern: LogPattern) throws -> (ValueTemplate, ValueTemplate) {
        let names = Set(pattern.fields.map(\.name))
        guard let viewerNode = top["viewer"] else { throw fail(root, "viewer", "missing: the variable that names who received a response, e.g. $cookie_uid") }
        let viewer = try template(viewerNode, "viewer", pattern: pattern)
        let anonymous: ValueTemplate
        if let a = top["anonymous"] {
            anonymous = try template(a, "anonymous", pattern: pattern)
        } else {
            guard names.contains("remote_addr"), let t = try? ValueTemplate("$remote_addr") else {
                throw fail(root, "anonymous", "missing, and the pattern has no $remote_addr to tell anonymous viewers apart")
            }
            anonymous = t
        }
        return (viewer, anonymous)
    }

    /// `cache`: the key, the status variable, which statuses serve and which store, the max age.
    private func cacheSection(_ top: [String: Node], _ pattern: LogPattern) throws -> CacheRules? {
        guard let c = top["cache"] else { return nil }
        let section = try entries(c, "cache", allowed: Self.cacheKeys)
        guard let keyNode = section["key"] else { throw fail(c, "cache.key", "missing: the cache key, as nginx's proxy_cache_key") }
        let key = try template(keyNode, "cache.key", pattern: pattern)
        guard let statusNode = section["status"] else { throw fail(c, "cache.status", "missing: the variable that logs the cache status") }
        let statusTemplate = try template(statusNode, "cache.status", pattern: pattern)
        guard statusTemplate.parts.count == 1, let status = statusTemplate.variables.first else {
            throw fail(statusNode, "cache.status", "expected one variable such as $upstream_cache_status")
        }
        func set(_ k: String, _ fallback: [String]) throws -> Set<String> {
            guard let n = section[k] else { return Set(fallback) }
            if n.sequence == nil, let s = n.scalar?.string, s.isEmpty { return [] }
            return Set(try texts(n, "cache.\(k)").map { $0.uppercased() })
        }
        let served = try set("served", ["HIT", "STALE", "UPDATING", "REVALIDATED"])
        let stored = try set("stored", ["MISS", "EXPIRED"])
        let refresh = try set("refresh", [])
        if let both = served.intersection(stored).sorted().first {
            throw fail(section["stored"] ?? c, "cache.stored", "\(both) is listed both as served and as stored")
        }
        var rules = CacheRules(key: key, status: status, served: served, stored: stored, refresh: refresh,
                               maxAge: try duration(section["max_age"], "cache.max_age"))
        if let s = section["stores"] {
            switch try text(s, "cache.stores") {
            case "certain": rules.storesCertain = true
            case "uncertain": rules.storesCertain = false
            default: throw fail(s, "cache.stores", "expected certain or uncertain")
            }
        }
        if let l = section["lock"] {
            guard let on = l.bool else { throw fail(l, "cache.lock", "expected true or false") }
            rules.lock = on
        }
        if let n = section["not_stored"] { rules.notStored = try notStored(n, pattern: pattern) }
        return rules
    }

    /// `cache.not_stored`: a list of `$variable` (holds when present) or `$variable: [tokens]`
    /// (holds on any token); the pattern must log each variable.
    private func notStored(_ node: Node, pattern: LogPattern) throws -> [NotStoredCondition] {
        guard let list = node.sequence else { throw fail(node, "cache.not_stored", "expected a list of $variable or $variable: [tokens]") }
        return try list.enumerated().map { index, item in
            let key = "cache.not_stored[\(index)]"
            func variable(_ n: Node) throws -> String {
                let source = try text(n, key)
                guard source.hasPrefix("$"), source.count > 1 else { throw fail(n, key, "expected a variable such as $upstream_http_set_cookie, got '\(source)'") }
                let name = String(source.dropFirst())
                guard Variable.resolve(name, in: pattern) != nil else { throw fail(n, key, "the log pattern cannot provide \(source)") }
                return name
            }
            if let mapping = item.mapping {
                guard mapping.count == 1, let (k, v) = mapping.first else { throw fail(item, key, "expected one $variable: [tokens]") }
                let tokens = try texts(v, key).map { $0.lowercased() }.filter { !$0.isEmpty }
                guard !tokens.isEmpty else { throw fail(v, key, "expected at least one token, such as private") }
                return NotStoredCondition(variable: try variable(k), tokens: tokens)
            }
            return NotStoredCondition(variable: try variable(item), tokens: nil)
        }
    }

    /// `tables`: the CSV files that list a key's subjects.
    private func tablesSection(_ top: [String: Node]) throws -> [String: SubjectTable] {
        var tables: [String: SubjectTable] = [:]
        if let t = top["tables"] {
            guard let mapping = t.mapping else { throw fail(t, "tables", "expected a mapping of table names to CSV files") }
            for (k, v) in mapping {
                guard let tableName = k.scalar?.string else { throw fail(k, "tables", "a table name must be text") }
                guard tables[tableName] == nil else { throw fail(k, "tables.\(tableName)", "this table appears twice") }
                let table = try csv(v, "tables.\(tableName)", SubjectTable.init(path:))
                guard table.columns >= 2 else { throw fail(v, "tables.\(tableName)", "a table needs two columns: a key, then a subject id") }
                tables[tableName] = table
            }
        }
        return tables
    }

    /// `rules`: at least one, each with a distinct name.
    private func rulesSection(_ top: [String: Node], _ root: Node, tables: [String: SubjectTable]) throws -> [Rule] {
        guard let rulesNode = top["rules"] else { throw fail(root, "rules", "missing: at least one rule") }
        guard let ruleList = rulesNode.sequence, ruleList.count > 0 else { throw fail(rulesNode, "rules", "expected a list of at least one rule") }
        var rules: [Rule] = []
        for (index, ruleNode) in ruleList.enumerated() {
            rules.append(try rule(ruleNode, "rules[\(index)]", tables: tables, earlier: rules))
        }
        return rules
    }

    /// One rule: its name, methods, paths and statuses, whose data it shows, which fields.
    private func rule(_ ruleNode: Node, _ key: String, tables: [String: SubjectTable], earlier: [Rule]) throws -> Rule {
        let r = try entries(ruleNode, key, allowed: Self.ruleKeys)
        guard let nameNode = r["name"] else { throw fail(ruleNode, "\(key).name", "missing: every rule needs a name") }
        let ruleName = try text(nameNode, "\(key).name")
        guard !ruleName.isEmpty else { throw fail(nameNode, "\(key).name", "a rule's name cannot be empty") }
        guard !earlier.contains(where: { $0.name == ruleName }) else { throw fail(nameNode, "\(key).name", "two rules are named '\(ruleName)'") }
        guard let pathNode = r["path"] else { throw fail(ruleNode, "\(key).path", "missing: a path template or a list of them") }
        var paths: [PathTemplate] = []
        for p in try texts(pathNode, "\(key).path") {
            do { paths.append(try PathTemplate(p)) } catch { throw fail(pathNode, "\(key).path", "\(error)") }
        }
        guard !paths.isEmpty else { throw fail(pathNode, "\(key).path", "an empty list of paths") }
        let methods = try r["method"].map { try texts($0, "\(key).method").map { $0.uppercased() } } ?? ["GET"]
        var statuses: Set<Int> = [200]
        if let s = r["status"] {
            statuses = []
            for value in try texts(s, "\(key).status") {
                guard let code = Int(value), code >= 100, code <= 599 else { throw fail(s, "\(key).status", "'\(value)' is not an HTTP status") }
                statuses.insert(code)
            }
        }
        let captured = Rule(name: ruleName, methods: methods, paths: paths, statuses: statuses, subject: .viewer, fields: []).commonCaptureNames
        guard let subjectNode = r["subject"] else { throw fail(ruleNode, "\(key).subject", "missing: viewer, '{param}' or {table, key}") }
        let subject = try subjectSource(subjectNode, key, captured: captured, paths: paths.count, tables: tables)
        let fields = try r["fields"].map { try texts($0, "\(key).fields") } ?? []
        var window: Window?
        if let w = r["window"] {
            let source = try text(w, "\(key).window")
            do { window = try Window(parsing: source) } catch let error as Window.ParseError {
                throw fail(w, "\(key).window", error.message)
            }
        }
        var made = Rule(name: ruleName, methods: methods, paths: paths, statuses: statuses, subject: subject, fields: fields, window: window)
        if let m = r["may_match_nothing"] {
            guard let on = m.bool else { throw fail(m, "\(key).may_match_nothing", "expected true or false") }
            made.mayMatchNothing = on
        }
        if let e = r["example"] {
            guard let on = e.bool else { throw fail(e, "\(key).example", "expected true or false") }
            if on { made.exampleLine = e.mark?.line ?? ruleNode.mark?.line ?? 0 }
        }
        return made
    }

    /// A rule's `subject`: the viewer, a value of the path's captures, or a table's entry.
    private func subjectSource(_ subjectNode: Node, _ key: String, captured: Set<String>, paths: Int,
                               tables: [String: SubjectTable]) throws -> SubjectSource {
        func captureTemplate(_ n: Node, _ k: String) throws -> CaptureTemplate {
            let source = try text(n, k)
            let t: CaptureTemplate
            do { t = try CaptureTemplate(source) } catch { throw fail(n, k, "\(error)") }
            for c in t.captureNames where !captured.contains(c) {
                throw fail(n, k, "{\(c)} is not captured by the rule's path\(paths > 1 ? "s" : "")")
            }
            return t
        }
        if subjectNode.mapping != nil {
            let s = try entries(subjectNode, "\(key).subject", allowed: Self.tableSubjectKeys)
            guard let tableNode = s["table"] else { throw fail(subjectNode, "\(key).subject.table", "missing: the table's name") }
            let tableName = try text(tableNode, "\(key).subject.table")
            guard tables[tableName] != nil else {
                throw fail(tableNode, "\(key).subject.table", "unknown table '\(tableName)'; known: \(tables.keys.sorted().joined(separator: ", "))")
            }
            guard let keyNode = s["key"] else { throw fail(subjectNode, "\(key).subject.key", "missing: the key, e.g. '{asin}'") }
            return .table(name: tableName, key: try captureTemplate(keyNode, "\(key).subject.key"))
        } else {
            let value = try text(subjectNode, "\(key).subject")
            if value == "viewer" { return .viewer }
            guard value.contains("{") else { throw fail(subjectNode, "\(key).subject", "expected viewer, '{param}' or {table, key}, got '\(value)'") }
            return .capture(try captureTemplate(subjectNode, "\(key).subject"))
        }
    }

    /// `directory`: the CSV of people (their contact details and country).
    private func directorySection(_ top: [String: Node]) throws -> Directory? {
        guard let d = top["directory"] else { return nil }
        let path = resolvePath(try text(d, "directory"))
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw fail(d, "directory", "cannot read '\(path)' (missing or unreadable)")
        }
        do { return try Directory(path: path) } catch let error as CSVReader.Failure {
            throw fail(d, "directory", "'\(path)' \(error)")
        } catch {
            throw fail(d, "directory", "cannot read '\(path)': \(error.localizedDescription)")
        }
    }

    private func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var row = Array(0...b.count)
        for i in 1...max(1, a.count) where !a.isEmpty {
            var previous = row[0]
            row[0] = i
            for j in stride(from: 1, through: b.count, by: 1) {
                let current = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
                previous = current
            }
        }
        return a.isEmpty ? b.count : row[b.count]
    }
}
