/// A template of the incident file (a path, a capture reference, a value of variables) that
/// cannot be read; the message quotes it.
public struct TemplateError: Error, CustomStringConvertible, Equatable {
    public var message: String
    public var description: String { message }
}
