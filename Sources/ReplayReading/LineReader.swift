#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SystemPackage
import ReplaySupport

/// Reads an input file — gzip (one or many members) or plain text, told apart by its first
/// bytes — and splits it into lines with `memchr`, in memory bounded by the line limit.
package struct LineReader {
    /// Lines longer than this many bytes are rejected (and skipped without being held).
    package var maxLineLength: Int
    package var inflater: InflaterKind
    /// Compressed bytes read from disk at a time.
    package var chunkSize: Int

    package init(maxLineLength: Int = 1 << 20, inflater: InflaterKind = .preferred, chunkSize: Int = 256 << 10) {
        self.maxLineLength = max(1, maxLineLength)
        self.inflater = inflater
        self.chunkSize = max(16, chunkSize)
    }

    /// Reads the whole file into `sink`. Problems with the file (unreadable, truncated,
    /// corrupt) are in the report, raised only after every line before them was delivered.
    package func read<Sink: LineSink>(path: FilePath, into sink: inout Sink) -> ReadReport {
        readLines(path: path, into: &sink)
    }

    /// The same, for a path given as text.
    package func read<Sink: LineSink>(path: String, into sink: inout Sink) -> ReadReport {
        readLines(path: FilePath(path), into: &sink)
    }

    /// `read(path:into:)` for the pipeline's sink, specialized here, in the sink's module: the
    /// per-line calls into the sink are direct.
    package func read(path: FilePath, into sink: inout BatchingSink) -> ReadReport {
        readLines(path: path, into: &sink)
    }

    private func readLines<Sink: LineSink>(path: FilePath, into sink: inout Sink) -> ReadReport {
        let file: InputFile
        do { file = try InputFile(path: path) } catch {
            var report = ReadReport()
            report.problems.append(ReadProblem(kind: .unreadable, offset: 0, detail: "\(error)"))
            report.sha256 = SHA256().finalizeHex()
            return report
        }
        var scan = FileScan(file: file, chunkSize: chunkSize, maxLineLength: maxLineLength)
        if scan.start(into: &sink) {
            do {
                scan.readMembers(with: try inflater.make(), into: &sink)
            } catch {
                var report = scan.finish()
                report.problems.append(ReadProblem(kind: .unreadable, offset: 0, detail: "\(error)"))
                return report
            }
        } else {
            scan.readPlain(into: &sink)
        }
        return scan.finish()
    }
}
