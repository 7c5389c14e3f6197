/// A refusal of the incident file (or of the window): names the file, the line and the key.
package struct IncidentError: Error, Equatable, CustomStringConvertible {
    package var file: String
    package var line: Int?
    package var key: String
    package var message: String

    package init(file: String, line: Int?, key: String, message: String) {
        self.file = file
        self.line = line
        self.key = key
        self.message = message
    }

    package var description: String {
        let place = line.map { "\(file):\($0)" } ?? file
        return key.isEmpty ? "\(place): \(message)" : "\(place): \(key): \(message)"
    }
}
