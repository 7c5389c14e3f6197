#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
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
    package func read<Sink: LineSink>(path: String, into sink: inout Sink) -> ReadReport {
        var report = ReadReport()
        var hash = SHA256()
        read(path: path, into: &sink, report: &report, hash: &hash)
        report.sha256 = hash.finalizeHex()
        return report
    }

    private func read<Sink: LineSink>(path: String, into sink: inout Sink, report: inout ReadReport, hash: inout SHA256) {
        let file: InputFile
        do { file = try InputFile(path: path) } catch {
            report.problems.append(ReadProblem(kind: .unreadable, offset: 0, detail: "\(error)"))
            return
        }
        var splitter = LineSplitter(maxLineLength: maxLineLength, spare: chunkSize * 4)
        defer { splitter.deallocate() }
        let input = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer { input.deallocate() }

        // Fills `input` after keeping `keep` unread bytes at its front; returns the bytes now held.
        var atEnd = false
        func refill(keeping start: Int, _ end: Int) -> Int {
            let kept = end - start
            if kept > 0, start > 0 { memmove(input.baseAddress!, input.baseAddress! + start, kept) }
            var held = kept
            while held < input.count && !atEnd {
                let n: Int
                do { n = try file.read(into: UnsafeMutableRawBufferPointer(rebasing: input[held...])) } catch {
                    report.problems.append(ReadProblem(kind: .unreadable, offset: report.bytes, detail: "\(error)"))
                    atEnd = true
                    break
                }
                if n == 0 { atEnd = true; break }
                hash.update(UnsafeRawBufferPointer(rebasing: input[held..<held + n]))
                report.bytes += n
                sink.readBytes(n)
                held += n
            }
            return held
        }

        var held = refill(keeping: 0, 0)
        if !report.problems.isEmpty { return }
        report.gzip = held >= 2 && input[0] == 0x1f && input[1] == 0x8b

        if !report.gzip {
            // Plain text: the bytes go straight to the splitter.
            var pos = 0
            while true {
                while pos < held {
                    let room = splitter.freeSpace
                    let n = min(room.count, held - pos)
                    room.baseAddress!.copyMemory(from: input.baseAddress! + pos, byteCount: n)
                    pos += n
                    splitter.commit(n, into: &sink)
                }
                if atEnd || sink.isDone { break }
                held = refill(keeping: 0, 0)
                pos = 0
                if held == 0 { break }
            }
            report.decompressedBytes = report.bytes
            splitter.finish(into: &sink)
            report.lines = splitter.lineCount
            return
        }

        let engine: Inflater
        do { engine = try inflater.make() } catch {
            report.problems.append(ReadProblem(kind: .unreadable, offset: 0, detail: "\(error)"))
            return
        }
        var pos = 0                 // next unread byte in `input`
        var consumedBefore = 0      // file offset of input[0]
        var inMember = true
        var memberStart = 0         // file offset where the member being read begins
        var memberFirstLine = 1     // the first line holding bytes of the member being read
        var failure: ReadProblem?
        // RFC 1952 says a reader must refuse a header with reserved flags or another method;
        // zlib does, ISA-L does not: checked here, so that both read every file alike.
        func headerFlaw(at start: Int) -> String? {
            guard held - start >= 4 else { return nil }
            if input[start + 2] != 8 { return "unknown compression method" }
            if input[start + 3] & 0xE0 != 0 { return "reserved gzip header flags set" }
            return nil
        }
        sink.memberBegins(0, firstLine: 1)
        if let flaw = headerFlaw(at: 0) {
            failure = ReadProblem(kind: .corrupt, offset: 0, detail: "\(flaw) in gzip member 1, which begins at byte 0")
        }
        reading: while failure == nil {
            if pos == held {
                if atEnd {
                    if inMember { failure = ReadProblem(kind: .truncated, offset: consumedBefore + pos, detail: "the file ends inside gzip member \(report.members + 1)") }
                    break reading
                }
                consumedBefore += pos
                held = refill(keeping: pos, held); pos = 0
                if held == 0 { continue }
            }
            if !inMember {
                // Between members: another member, zero padding, or garbage.
                if held - pos < 4 && !atEnd {
                    consumedBefore += pos
                    held = refill(keeping: pos, held); pos = 0
                    continue
                }
                let here = consumedBefore + pos
                if held - pos >= 2 && input[pos] == 0x1f && input[pos + 1] == 0x8b {
                    if let flaw = headerFlaw(at: pos) {
                        failure = ReadProblem(kind: .corrupt, offset: here, detail: "\(flaw) in gzip member \(report.members + 1), which begins at byte \(here)")
                        break reading
                    }
                    memberStart = here
                    memberFirstLine = splitter.lineCount + 1
                    sink.memberBegins(report.members, firstLine: memberFirstLine)
                    engine.reset()
                    inMember = true
                    continue
                }
                if input[pos] == 0 {
                    // Zero padding is fine only if it runs to the end of the file.
                    var zeros = 0
                    while true {
                        while pos < held && input[pos] == 0 { pos += 1; zeros += 1 }
                        if pos < held {
                            failure = ReadProblem(kind: .trailingGarbage, offset: consumedBefore + pos, detail: "non-zero byte after \(zeros) zero bytes that follow gzip member \(report.members)")
                            break reading
                        }
                        if atEnd { break }
                        consumedBefore += pos
                        held = refill(keeping: pos, held); pos = 0
                        if held == 0 { break }
                    }
                    report.problems.append(ReadProblem(kind: .trailingZeros, offset: here, detail: "\(zeros) zero bytes after the last gzip member"))
                    break reading
                }
                failure = ReadProblem(kind: .trailingGarbage, offset: here, detail: "bytes after gzip member \(report.members) are not a gzip member")
                break reading
            }
            let room = splitter.freeSpace
            let step = engine.inflate(UnsafeRawBufferPointer(rebasing: input[pos..<held]), into: room)
            pos += step.consumed
            report.decompressedBytes += step.produced
            splitter.commit(step.produced, into: &sink)
            if sink.isDone { report.lines = splitter.lineCount; return }
            switch step.status {
            case .progress:
                if step.consumed == 0 && step.produced == 0 && pos < held {
                    // No progress with input and room: the inflater wants more input than the
                    // buffer holds (a header split across reads). Give it more, or give up.
                    if atEnd {
                        failure = ReadProblem(kind: .truncated, offset: consumedBefore + held, detail: "the file ends inside gzip member \(report.members + 1)")
                        break reading
                    }
                    if pos == 0 && held == input.count {
                        failure = ReadProblem(kind: .corrupt, offset: consumedBefore + pos, detail: "the inflater stalled in gzip member \(report.members + 1)")
                        break reading
                    }
                    consumedBefore += pos
                    held = refill(keeping: pos, held); pos = 0
                }
            case .memberEnd:
                sink.memberPassed(report.members)
                report.members += 1
                inMember = false
            case .failed(let message):
                // The offset is where the damaged member begins: the same for every inflater
                // (each reads ahead by its own amount before it notices).
                failure = ReadProblem(kind: .corrupt, offset: memberStart,
                                      detail: "\(message) in gzip member \(report.members + 1), which begins at byte \(memberStart) (noticed by byte \(consumedBefore + pos))")
                break reading
            }
        }
        if let failure {
            if inMember && splitter.lineCount >= memberFirstLine {
                // The member's lines were delivered before its check could pass: none is trusted.
                report.unverifiedLines = splitter.lineCount - memberFirstLine + 1
                report.firstUnverifiedLine = memberFirstLine
            }
            let dropped = splitter.abandon()
            var problem = failure
            if report.unverifiedLines > 0 {
                problem.detail += "; its lines \(memberFirstLine) to \(splitter.lineCount) are unverified and not replayed"
            }
            if dropped > 0 { problem.detail += "; the \(dropped) bytes of an unfinished line \(splitter.lineCount + 1) before it are not counted as a line" }
            report.problems.insert(problem, at: 0)
        } else {
            splitter.finish(into: &sink)
        }
        report.lines = splitter.lineCount
        return
    }
}
