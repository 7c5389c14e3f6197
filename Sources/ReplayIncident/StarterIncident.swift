import ReplayParsing

/// `replay init`: a commented starter incident file made from the first lines of the logs. It
/// recognises nginx's `combined` and `main` formats, combined with extra fields (quoted, or
/// `key=value` such as `cache=$upstream_cache_status uid=$cookie_uid`), lines that start with
/// `$msec` or `$time_iso8601`, and `escape=json` lines; the cache status and cookie fields; and
/// the node layout (a folder per node, or per node and day).
package enum StarterIncident {
    package struct NoFormat: Error, CustomStringConvertible {
        package var file: String
        package var description: String {
            "\(file): the first line fits none of the formats replay init knows (combined; main; combined with extra "
                + "quoted or key=value fields; lines that start with $msec or $time_iso8601; escape=json objects): "
                + "write log.pattern by hand (nginx's log_format value)"
        }
    }

    /// What was read off a line: the pattern and the roles of its variables.
    struct Reading {
        var pattern = ""
        var escape = "default"
        var variables: [String] = []
        var format = ""
    }

    /// The starter file's text for logs whose first line is `line`, found at `paths`.
    /// `folderNodes` are the files' own folders' names (their nodes under `node: dir`).
    package static func text(firstLine line: [UInt8], file: String, paths: [String], folderNodes: [String] = []) throws -> String {
        let text = String(decoding: line, as: UTF8.self)
        guard let reading = json(text) ?? plain(text) else { throw NoFormat(file: file) }
        let names = Set(reading.variables)
        let cookie = reading.variables.first { $0.hasPrefix("cookie_") }
        let viewer = cookie.map { "$" + $0 } ?? (names.contains("remote_user") ? "$remote_user" : "$remote_addr")
        let anonymous = names.contains("remote_addr") ? "$remote_addr" : viewer
        var out: [String] = []
        out.append("# A starter incident file, made by `replay init` from the first line of \(file)")
        out.append("# (\(reading.format)). Check every line, then replace the rules with the pages of the bug.")
        out.append("incident: describe-the-incident-here")
        out.append("log:")
        out.append("  format: nginx")
        out.append("  pattern: '\(reading.pattern.replacingOccurrences(of: "'", with: "''"))'")
        if reading.escape != "default" { out.append("  escape: \(reading.escape)                      # the log_format has escape=\(reading.escape)") }
        let layout = nodeLayout(paths, names: names)
        out.append("  node: \(layout)")
        out.append(contentsOf: nodesLines(layout.hasPrefix("dir:2") ? paths.compactMap { $0.split(separator: "/").dropLast().dropLast().last.map(String.init) }
                                          : layout.hasPrefix("dir") ? folderNodes : nil))
        out.append("  reorder: 60s                      # how far a line may lag its node's newest (buffered workers)")
        out.append("  # gap: 10m                        # set only to fix it: without it, the longest silence a node may have is measured against its traffic")
        out.append("viewer: \(viewer)\(cookie == nil ? "                 # no cookie field found: name the variable that says who is logged in" : "")")
        out.append("anonymous: \(anonymous)              # tells anonymous viewers apart")
        if names.contains("upstream_cache_status") {
            let key = names.contains("host") ? "$host$request_uri" : "$request_uri"
            out.append("cache:                              # the shared cache in front of the origin")
            out.append("  key: \(key)          # as proxy_cache_key in the nginx config of the bug")
            out.append("  status: $upstream_cache_status")
            out.append("  served: [HIT, STALE, UPDATING, REVALIDATED]")
            out.append("  stored: [MISS, EXPIRED]")
            out.append("  refresh: []                       # [STALE] with proxy_cache_background_update on")
            out.append("  # max_age: 10m                    # the longest an entry is served: checks the logs cover the cache tail")
        } else {
            out.append("# cache: no $upstream_cache_status field found; without a cache section every request is an origin render")
        }
        out.append("rules:                              # the pages of the bug; a request belongs to the first that matches")
        out.append("  - name: account-page              # an example: a page that shows the requesting user's own data")
        out.append("    example: true                   # remove once the rule is the incident's own: a run refuses examples")
        out.append("    path: /account/                 # {name} captures a segment, * matches one, ** any rest")
        out.append("    subject: viewer                 # or '{name}' (the user in the path), or { table: NAME, key: '{name}' }")
        out.append("    fields: [name, email]           # the kinds of personal data the page shows")
        out.append("# tables:                           # key, then subject id, with a header")
        out.append("#   authors: authors.csv")
        out.append("# directory: users.csv              # id first, then email, name, country, timezone…")
        return out.joined(separator: "\n") + "\n"
    }

    /// `log.nodes`: the nodes the logs must come from, as found in the folders given (`nil`:
    /// the node is logged, and a commented line says where the list goes).
    static func nodesLines(_ found: [String]?) -> [String] {
        guard let found else {
            return ["  # nodes: [edge-1, edge-2]          # the nodes the logs must come from (or {file: nodes.txt}, one a line)"]
        }
        let names = Set(found).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        func quoted(_ name: String) -> String { "'" + name.replacingOccurrences(of: "'", with: "''") + "'" }
        let comment = "# the nodes the logs must come from: a node missing or not listed makes the run incomplete"
        if names.count <= 8 {
            return ["  nodes: [\(names.map(quoted).joined(separator: ", "))]   \(comment)"]
        }
        return ["  nodes:                            \(comment)"] + names.map { "    - \(quoted($0))" }
    }

    /// `dir`, `dir:2` when the files' folders look like days or hours, or `$hostname` when
    /// the lines log it and the files share one folder.
    static func nodeLayout(_ paths: [String], names: Set<String>) -> String {
        let folders = paths.map { $0.split(separator: "/").dropLast().map(String.init) }
        let parents = Set(folders.map { $0.last ?? "." })
        if parents.contains(where: NodeSource.looksLikeDate) && folders.allSatisfy({ $0.count >= 2 }) {
            return "dir:2                           # the logs sit in a folder per node, then per day"
        }
        if parents.count == 1 && names.contains("hostname") {
            return "$hostname                       # all files in one folder: the node is logged"
        }
        return "dir                             # each node's logs in a folder of its own (dir:2: the folder above)"
    }

    // MARK: Plain lines

    /// A field of a plain line: its text before the value (`key=` and an opening quote or
    /// bracket), the value, and the closing quote or bracket.
    struct Token {
        var key: String?
        var open: String
        var value: String
        var close: String
    }

    static func tokens(_ line: String) -> [Token]? {
        var tokens: [Token] = []
        var chars = Substring(line)
        while !chars.isEmpty {
            var key: String?
            let space = chars.firstIndex(of: " ") ?? chars.endIndex
            if chars.first != "\"", chars.first != "[", let eq = chars.firstIndex(of: "="), eq < space, eq > chars.startIndex,
               chars[..<eq].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) {
                key = String(chars[..<eq])
                chars = chars[chars.index(after: eq)...]
            }
            let open: String, close: Character
            switch chars.first {
            case "\"": open = "\""; close = "\""
            case "[": open = "["; close = "]"
            default: open = ""; close = " "
            }
            if !open.isEmpty { chars = chars.dropFirst() }
            guard let end = chars.firstIndex(of: close) ?? (open.isEmpty ? chars.endIndex : nil) else { return nil }
            tokens.append(Token(key: key, open: open, value: String(chars[..<end]), close: open.isEmpty ? "" : String(close)))
            chars = chars[end...]
            if !open.isEmpty { chars = chars.dropFirst() }
            guard chars.isEmpty || chars.first == " " else { return nil }
            chars = chars.drop { $0 == " " }
        }
        return tokens
    }

    static func plain(_ line: String) -> Reading? {
        guard let tokens = tokens(line), !tokens.isEmpty else { return nil }
        var reading = Reading()
        var parts: [String] = []
        var rest = tokens[...]
        if tokens.count >= 9, tokens[1].value == "-", tokens[1].key == nil, tokens[2].key == nil, tokens[3].open == "[",
           isLocalTime(tokens[3].value), tokens[4].open == "\"", isStatus(tokens[5].value), isNumber(tokens[6].value),
           tokens[7].open == "\"", tokens[8].open == "\"" {
            reading.variables = ["remote_addr", "remote_user", "time_local", "request", "status", "body_bytes_sent", "http_referer", "http_user_agent"]
            rest = tokens[9...]
            if rest.count == 1, rest.first!.open == "\"", rest.first!.key == nil {
                reading.format = "nginx's main format"
                reading.pattern = LogPattern.main
                reading.variables.append("http_x_forwarded_for")
                return reading
            }
            reading.format = rest.isEmpty ? "nginx's combined format" : "nginx's combined format with extra fields"
            parts.append(LogPattern.combined)
        } else if let first = tokens.first, first.key == nil, isMsec(first.value) || isISOTime(first.value) {
            reading.format = isMsec(first.value) ? "lines that start with $msec" : "lines that start with $time_iso8601"
        } else {
            return nil
        }
        var extra = 0
        for token in rest {
            let name = variable(for: token, taken: Set(reading.variables), extra: &extra)
            reading.variables.append(name)
            parts.append((token.key.map { $0 + "=" } ?? "") + token.open + "$" + name + token.close)
        }
        reading.pattern = parts.joined(separator: " ")
        return reading
    }

    /// The nginx variable a field most likely logs, from its key and the form of its value.
    static func variable(for token: Token, taken: Set<String>, extra: inout Int) -> String {
        let v = token.value
        func free(_ name: String) -> String? { taken.contains(name) ? nil : name }
        if let key = token.key?.lowercased() {
            let cacheStatuses: Set<String> = ["HIT", "MISS", "BYPASS", "EXPIRED", "STALE", "UPDATING", "REVALIDATED"]
            if key.contains("cache") || cacheStatuses.contains(v.uppercased()) { return free("upstream_cache_status") ?? "field_\(key)" }
            if ["uid", "user", "userid", "user_id", "account", "session", "sid", "login"].contains(key) { return "cookie_\(key)" }
            if key.hasPrefix("cookie_") || key.hasPrefix("http_") || key.hasPrefix("upstream_") || key.hasPrefix("sent_http_") { return key }
            let known: [String: String] = ["host": "host", "hostname": "hostname", "server": "server_name", "msec": "msec",
                                           "rt": "request_time", "request_time": "request_time", "urt": "upstream_response_time",
                                           "upstream_response_time": "upstream_response_time", "xff": "http_x_forwarded_for",
                                           "rid": "http_x_request_id", "request_id": "request_id", "ua": "http_user_agent",
                                           "status": "status", "time": isMsec(v) ? "msec" : "time_iso8601"]
            if let name = known[key], let name = free(name) { return name }
            return "field_" + key.map { $0.isLetter || $0.isNumber ? $0 : "_" }.map(String.init).joined()
        }
        if token.open == "[" && isLocalTime(v), let name = free("time_local") { return name }
        if isMsec(v), let name = free("msec") { return name }
        if isISOTime(v), let name = free("time_iso8601") { return name }
        if token.open == "\"" && isRequest(v), let name = free("request") { return name }
        if isStatus(v), let name = free("status") { return name }
        if isAddress(v), let name = free("remote_addr") { return name }
        if isNumber(v), let name = free("body_bytes_sent") { return name }
        if token.open == "\"", let name = free("http_referer") ?? free("http_user_agent") ?? free("http_x_forwarded_for") { return name }
        extra += 1
        return "field_\(extra)"
    }

    // MARK: JSON lines

    static func json(_ line: String) -> Reading? {
        let b = Array(line.utf8)
        guard b.first == 0x7B, b.last == 0x7D else { return nil }
        var reading = Reading()
        reading.escape = "json"
        reading.format = "escape=json objects"
        var out: [UInt8] = [0x7B]
        var i = 1
        var extra = 0
        while i < b.count - 1 {
            // "key":
            guard b[i] == 0x22, let keyEnd = b[(i + 1)...].firstIndex(of: 0x22), keyEnd + 1 < b.count, b[keyEnd + 1] == 0x3A else { return nil }
            let key = String(decoding: b[(i + 1)..<keyEnd], as: UTF8.self)
            out += b[i...keyEnd + 1]
            i = keyEnd + 2
            let quoted = i < b.count && b[i] == 0x22
            var value: [UInt8] = []
            if quoted {
                var j = i + 1
                while j < b.count && b[j] != 0x22 {
                    if b[j] == 0x5C { j += 1 }
                    j += 1
                }
                guard j < b.count else { return nil }
                value = Array(b[(i + 1)..<j])
                i = j + 1
            } else {
                var j = i
                while j < b.count && b[j] != 0x2C && b[j] != 0x7D { j += 1 }
                value = Array(b[i..<j])
                i = j
            }
            let name = jsonVariable(key: key, quoted: quoted, value: String(decoding: value, as: UTF8.self),
                                    taken: Set(reading.variables), extra: &extra)
            reading.variables.append(name)
            out += Array(((quoted ? "\"" : "") + "$" + name + (quoted ? "\"" : "")).utf8)
            guard i < b.count else { return nil }
            if b[i] == 0x2C { out.append(0x2C); i += 1 } // ,
        }
        out.append(0x7D)
        reading.pattern = String(decoding: out, as: UTF8.self)
        return reading.variables.isEmpty ? nil : reading
    }

    /// A JSON field's variable: its key when the key is an nginx variable's name, else what
    /// the key says (`cache`, `uid`…), else what the value's form says (a time, a request…).
    static func jsonVariable(key: String, quoted: Bool, value: String, taken: Set<String>, extra: inout Int) -> String {
        if isVariableName(key) && !taken.contains(key) { return key }
        let open = quoted ? "\"" : ""
        let keyed = variable(for: Token(key: key, open: open, value: value, close: open), taken: taken, extra: &extra)
        if !keyed.hasPrefix("field_") { return keyed }
        let formed = variable(for: Token(key: nil, open: open, value: value, close: open), taken: taken, extra: &extra)
        return formed.hasPrefix("field_") || formed == "http_referer" || formed == "http_user_agent" ? keyed : formed
    }

    static func isVariableName(_ key: String) -> Bool {
        let known: Set<String> = ["remote_addr", "remote_user", "time_local", "time_iso8601", "msec", "request", "request_method",
                                  "request_uri", "uri", "args", "status", "body_bytes_sent", "bytes_sent", "request_time",
                                  "upstream_cache_status", "upstream_response_time", "host", "hostname", "server_name"]
        return known.contains(key) || key.hasPrefix("http_") || key.hasPrefix("cookie_") || key.hasPrefix("upstream_http_")
    }

    // MARK: Forms of values

    static func isNumber(_ v: String) -> Bool { !v.isEmpty && v.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
    static func isStatus(_ v: String) -> Bool { v.utf8.count == 3 && isNumber(v) && v.first! >= "1" && v.first! <= "5" }
    static func isMsec(_ v: String) -> Bool {
        let parts = v.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 2 && parts[0].count >= 9 && isNumber(String(parts[0])) && parts[1].count == 3 && isNumber(String(parts[1]))
    }
    static func isISOTime(_ v: String) -> Bool {
        let bytes = Array(v.utf8)
        return bytes.withUnsafeBytes { TimeFormat.parseISO8601($0, requireOffset: true) } != nil
    }
    static func isLocalTime(_ v: String) -> Bool {
        let bytes = Array(v.utf8)
        return bytes.withUnsafeBytes { TimeFormat.parseLocal($0) } != nil
    }
    static func isRequest(_ v: String) -> Bool {
        let parts = v.split(separator: " ")
        return parts.count >= 2 && parts[0].allSatisfy { $0.isUppercase } && parts[1].hasPrefix("/")
    }
    static func isAddress(_ v: String) -> Bool {
        let parts = v.split(separator: ".", omittingEmptySubsequences: false)
        if parts.count == 4 && parts.allSatisfy({ isNumber(String($0)) && $0.count <= 3 }) { return true }
        return v.contains(":") && v.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x66) || $0 == 0x3A }
    }
}
