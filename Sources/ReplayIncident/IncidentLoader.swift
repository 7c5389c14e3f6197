import Foundation
import Yams
import ReplaySupport

/// Reads and validates an incident file whole, before any log is read.
package enum IncidentLoader {
    package static func load(path: String) throws -> Incident {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw IncidentError(file: path, line: nil, key: "", message: "cannot read the incident file: \(error.localizedDescription)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw IncidentError(file: path, line: nil, key: "", message: "the incident file is not UTF-8")
        }
        return try load(text: text, path: path, sha256: SHA256.hex(of: [UInt8](data)))
    }

    package static func load(text: String, path: String, sha256: String? = nil) throws -> Incident {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw IncidentError(file: path, line: nil, key: "", message: "the incident file is empty")
            }
            root = node
        } catch let error as IncidentError {
            throw error
        } catch let error as YamlError {
            throw IncidentError(file: path, line: yamlLine(error), key: "", message: "malformed YAML: \(yamlProblem(error))")
        } catch {
            throw IncidentError(file: path, line: nil, key: "", message: "malformed YAML: \(error)")
        }
        var reader = IncidentReader(file: path, folder: (path as NSString).deletingLastPathComponent)
        return try reader.incident(root, sha256: sha256 ?? SHA256.hex(of: Array(text.utf8)))
    }

    private static func yamlLine(_ error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): return mark.line
        default: return nil
        }
    }

    private static func yamlProblem(_ error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _): return problem
        default: return "\(error)"
        }
    }
}
