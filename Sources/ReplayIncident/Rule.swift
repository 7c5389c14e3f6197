/// One rule of the incident file: which requests show whose data, and which fields of it.
package struct Rule: Equatable, Sendable {
    package var name: String
    /// Upper-case methods; a HEAD request to a GET rule's page renders it too.
    package var methods: [String]
    package var paths: [PathTemplate]
    package var statuses: Set<Int>
    package var subject: SubjectSource
    package var fields: [String]
    /// The page's own bug window (`rules[].window`), where it has one.
    package var window: Window?
    /// `rules[].may_match_nothing`: a rule that matches no request is a warning, not a reason
    /// the run is incomplete (a page that may really have had no visit).
    package var mayMatchNothing = false
    /// `rules[].example`: written by `replay init` as an example to replace; the line it is on.
    /// A run refuses an incident file that still has one.
    package var exampleLine: Int?

    package init(name: String, methods: [String], paths: [PathTemplate], statuses: Set<Int>, subject: SubjectSource, fields: [String],
                 window: Window? = nil) {
        self.window = window
        self.name = name
        self.methods = methods
        self.paths = paths
        self.statuses = statuses
        self.subject = subject
        self.fields = fields
    }

    /// Every capture name the rule's paths define (a name must be captured by all of them to be used).
    package var commonCaptureNames: Set<String> {
        guard let first = paths.first else { return [] }
        return paths.dropFirst().reduce(Set(first.captureNames)) { $0.intersection($1.captureNames) }
    }
}
