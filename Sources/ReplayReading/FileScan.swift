#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ReplaySupport

/// One input file being read: a window of its bytes as stored, the line splitter its text goes
/// through, and what reading it found. It owns the window's memory (and the splitter its own),
/// so it cannot be copied: the memory is freed once, when the scan ends.
struct FileScan: ~Copyable {
    private let file: InputFile
    /// The window: `input[pos..<held]` are read and not yet used; `input[0]` is the file's
    /// byte `consumedBefore`.
    private let input: UnsafeMutableRawBufferPointer
    private var pos = 0
    private var held = 0
    private var consumedBefore = 0
    private var atEnd = false
    private var splitter: LineSplitter
    private(set) var report = ReadReport()
    private var hash = SHA256()
    /// The gzip member being read: where it begins, and the first line holding its bytes.
    private var inMember = false
    private var memberStart = 0
    private var memberFirstLine = 1

    init(file: InputFile, chunkSize: Int, maxLineLength: Int) {
        self.file = file
        input = .allocate(byteCount: chunkSize, alignment: 16)
        splitter = LineSplitter(maxLineLength: maxLineLength, spare: chunkSize * 4)
    }

    deinit { input.deallocate() }

    /// The report, with the file's digest, once the scan is over.
    consuming func finish() -> ReadReport {
        var done = report
        done.lines = splitter.lineCount
        done.sha256 = hash.finalizeHex()
        return done
    }

    /// Reads the file's first bytes: whether it is gzip. False also when it could not be read.
    mutating func start<Sink: LineSink>(into sink: inout Sink) -> Bool {
        slide(into: &sink)
        guard report.problems.isEmpty else { return false }
        report.gzip = held >= 2 && input[0] == 0x1f && input[1] == 0x8b
        return report.gzip
    }

    /// Plain text: the bytes go straight to the splitter.
    mutating func readPlain<Sink: LineSink>(into sink: inout Sink) {
        guard report.problems.isEmpty else { return }
        while true {
            while pos < held {
                let room = splitter.freeSpace
                let n = min(room.count, held - pos)
                // Safe because `room` has at least `n` bytes and `input[pos..<held]` at least as many.
                room.baseAddress!.copyMemory(from: input.baseAddress! + pos, byteCount: n)
                pos += n
                splitter.commit(n, into: &sink)
            }
            if atEnd || sink.isDone { break }
            slide(into: &sink)
            if held == 0 { break }
        }
        report.decompressedBytes = report.bytes
        splitter.finish(into: &sink)
    }

    /// Gzip: member after member, each inflated into the splitter and checked at its end (CRC
    /// and length). Reading stops at the first damage; the damaged member's lines, already
    /// delivered, are reported unverified.
    mutating func readMembers<Sink: LineSink>(with engine: Inflater, into sink: inout Sink) {
        var failure = beginMember(at: 0, into: &sink)
        while failure == nil {
            if pos == held {
                if atEnd {
                    if inMember { failure = endsInsideMember(at: consumedBefore + pos) }
                    break
                }
                slide(into: &sink)
                continue
            }
            if !inMember {
                switch afterMember(into: &sink) {
                case .member(let start):
                    engine.reset()
                    failure = beginMember(at: start, into: &sink)
                case .waitForBytes: continue
                case .end: return splitter.finish(into: &sink)
                case .damage(let problem): failure = problem
                }
                continue
            }
            failure = inflate(with: engine, into: &sink)
            if sink.isDone { return }
        }
        if let failure { stop(at: failure) } else { splitter.finish(into: &sink) }
    }

    // MARK: Steps

    /// Keeps the unread bytes at the window's front and reads more after them.
    private mutating func slide<Sink: LineSink>(into sink: inout Sink) {
        let kept = held - pos
        // Safe because `input[pos..<held]` lies in the window.
        if kept > 0, pos > 0 { memmove(input.baseAddress!, input.baseAddress! + pos, kept) }
        consumedBefore += pos
        pos = 0
        held = kept
        while held < input.count && !atEnd {
            let free = UnsafeMutableRawBufferPointer(start: input.baseAddress! + held, count: input.count - held)
            let n: Int
            do { n = try file.read(into: free) } catch {
                report.problems.append(ReadProblem(kind: .unreadable, offset: report.bytes, detail: "\(error)"))
                atEnd = true
                break
            }
            if n == 0 { atEnd = true; break }
            hash.update(UnsafeRawBufferPointer(start: free.baseAddress, count: n))
            report.bytes += n
            sink.readBytes(n)
            held += n
        }
    }

    /// A member's header begins at `input[pos]`, file offset `start`: checks it and tells the
    /// sink where the member's lines begin.
    private mutating func beginMember<Sink: LineSink>(at start: Int, into sink: inout Sink) -> ReadProblem? {
        memberStart = start
        memberFirstLine = splitter.lineCount + 1
        inMember = true
        sink.memberBegins(report.members, firstLine: memberFirstLine)
        // RFC 1952 says a reader must refuse a header with reserved flags or another method;
        // zlib does, ISA-L does not: checked here, so that both read every file alike.
        guard held - pos >= 4 else { return nil }
        let flaw: String
        if input[pos + 2] != 8 { flaw = "unknown compression method" }
        else if input[pos + 3] & 0xE0 != 0 { flaw = "reserved gzip header flags set" }
        else { return nil }
        return ReadProblem(kind: .corrupt, offset: start, detail: "\(flaw) in gzip member \(report.members + 1), which begins at byte \(start)")
    }

    private enum AfterMember {
        case member(start: Int)
        case waitForBytes
        case end
        case damage(ReadProblem)
    }

    /// Between members: another member, zero padding to the end, or bytes that are no member.
    private mutating func afterMember<Sink: LineSink>(into sink: inout Sink) -> AfterMember {
        if held - pos < 4 && !atEnd {
            slide(into: &sink)
            return .waitForBytes
        }
        let here = consumedBefore + pos
        if held - pos >= 2 && input[pos] == 0x1f && input[pos + 1] == 0x8b { return .member(start: here) }
        guard input[pos] == 0 else {
            return .damage(ReadProblem(kind: .trailingGarbage, offset: here, detail: "bytes after gzip member \(report.members) are not a gzip member"))
        }
        // Zero padding is fine only if it runs to the end of the file.
        var zeros = 0
        while true {
            while pos < held && input[pos] == 0 { pos += 1; zeros += 1 }
            if pos < held {
                return .damage(ReadProblem(kind: .trailingGarbage, offset: consumedBefore + pos,
                                           detail: "non-zero byte after \(zeros) zero bytes that follow gzip member \(report.members)"))
            }
            if atEnd { break }
            slide(into: &sink)
            if held == 0 { break }
        }
        report.problems.append(ReadProblem(kind: .trailingZeros, offset: here, detail: "\(zeros) zero bytes after the last gzip member"))
        return .end
    }

    /// One step of the inflater: what it produced goes to the splitter.
    private mutating func inflate<Sink: LineSink>(with engine: Inflater, into sink: inout Sink) -> ReadProblem? {
        let room = splitter.freeSpace
        let step = engine.inflate(UnsafeRawBufferPointer(start: input.baseAddress! + pos, count: held - pos), into: room)
        pos += step.consumed
        report.decompressedBytes += step.produced
        splitter.commit(step.produced, into: &sink)
        switch step.status {
        case .progress:
            guard step.consumed == 0 && step.produced == 0 && pos < held else { return nil }
            // No progress with input and room: the inflater wants more input than the window
            // holds (a header split across reads). Give it more, or give up.
            if atEnd { return endsInsideMember(at: consumedBefore + held) }
            if pos == 0 && held == input.count {
                return ReadProblem(kind: .corrupt, offset: consumedBefore + pos, detail: "the inflater stalled in gzip member \(report.members + 1)")
            }
            slide(into: &sink)
            return nil
        case .memberEnd:
            sink.memberPassed(report.members)
            report.members += 1
            inMember = false
            return nil
        case .failed(let message):
            // The offset is where the damaged member begins: the same for every inflater (each
            // reads ahead by its own amount before it notices).
            return ReadProblem(kind: .corrupt, offset: memberStart,
                               detail: "\(message) in gzip member \(report.members + 1), which begins at byte \(memberStart) (noticed by byte \(consumedBefore + pos))")
        }
    }

    private func endsInsideMember(at offset: Int) -> ReadProblem {
        ReadProblem(kind: .truncated, offset: offset, detail: "the file ends inside gzip member \(report.members + 1)")
    }

    /// Reading stops at `failure`: the damaged member's lines, delivered before its check could
    /// pass, are unverified, and an unfinished line is dropped.
    private mutating func stop(at failure: ReadProblem) {
        if inMember && splitter.lineCount >= memberFirstLine {
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
    }
}
