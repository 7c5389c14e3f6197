import ReplayParsing

/// A value template bound to a log pattern: text and the spans it reads from a line.
struct BoundTemplate {
    enum Part {
        case text([UInt8])
        case variable(Variable)
    }

    let parts: [Part]

    init?(_ template: ValueTemplate, pattern: LogPattern) {
        var parts: [Part] = []
        for part in template.parts {
            switch part {
            case .text(let bytes): parts.append(.text(bytes))
            case .variable(let name):
                guard let v = Variable.resolve(name, in: pattern) else { return nil }
                parts.append(.variable(v))
            }
        }
        self.parts = parts
    }
}
