/// A rule prepared for the per-line path: methods as bytes, statuses as a table, each path
/// with the slots its captures fill.
final class CompiledRule {
    let rule: Rule
    let methods: [[UInt8]]
    /// A HEAD request renders a GET rule's page (nginx's proxy_cache_convert_head).
    let acceptsHead: Bool
    private let statuses: [Bool]
    let paths: [(template: PathTemplate, slots: [Int])]
    /// The union of the paths' capture names; a capture's slot is its index here.
    let captureNames: [String]

    init(_ rule: Rule) {
        self.rule = rule
        methods = rule.methods.map { Array($0.utf8) }
        acceptsHead = rule.methods.contains("GET") && !rule.methods.contains("HEAD")
        var table = [Bool](repeating: false, count: 600)
        for s in rule.statuses where s >= 0 && s < 600 { table[s] = true }
        statuses = table
        var names: [String] = []
        for p in rule.paths { for n in p.captureNames where !names.contains(n) { names.append(n) } }
        captureNames = names
        paths = rule.paths.map { p in (p, p.captureNames.map { n in names.firstIndex(of: n) ?? 0 }) }
    }

    @inline(__always)
    func accepts(status: Int) -> Bool { status >= 0 && status < 600 && statuses[status] }

    /// 1: the rule's method; 2: HEAD to a GET rule; 0: neither.
    @inline(__always)
    func methodMatch(_ span: FieldSpan, in line: UnsafeRawBufferPointer) -> Int {
        for m in methods where m.count == span.count {
            var k = 0
            while k < m.count && line[span.start + k] == m[k] { k += 1 }
            if k == m.count { return 1 }
        }
        if acceptsHead && span.count == 4 && line[span.start] == 0x48 && line[span.start + 1] == 0x45
            && line[span.start + 2] == 0x41 && line[span.start + 3] == 0x44 { return 2 }
        return 0
    }

    @inline(__always)
    func matchPath(_ path: FieldSpan, in line: UnsafeRawBufferPointer, captures: inout [FieldSpan]) -> Bool {
        for p in paths where p.template.match(path, in: line, slots: p.slots, captures: &captures) { return true }
        return false
    }
}
