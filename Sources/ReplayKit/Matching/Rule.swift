/// One rule of the incident file: which requests show whose data, and which fields of it.
public struct Rule: Equatable, Sendable {
    public var name: String
    /// Upper-case methods; a HEAD request to a GET rule's page renders it too.
    public var methods: [String]
    public var paths: [PathTemplate]
    public var statuses: Set<Int>
    public var subject: SubjectSource
    public var fields: [String]

    public init(name: String, methods: [String], paths: [PathTemplate], statuses: Set<Int>, subject: SubjectSource, fields: [String]) {
        self.name = name
        self.methods = methods
        self.paths = paths
        self.statuses = statuses
        self.subject = subject
        self.fields = fields
    }

    /// Every capture name the rule's paths define (a name must be captured by all of them to be used).
    public var commonCaptureNames: Set<String> {
        guard let first = paths.first else { return [] }
        return paths.dropFirst().reduce(Set(first.captureNames)) { $0.intersection($1.captureNames) }
    }
}
