/// A template of the incident file (a path, a capture reference, a value of variables) that
/// cannot be read; the message quotes it.
package struct TemplateError: Error, CustomStringConvertible, Equatable {
    package var message: String
    package var description: String { message }

    package init(message: String) { self.message = message }
}
