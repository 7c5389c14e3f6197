import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs programs the ways the end-to-end tests need beyond `ReplayBinary.run`: killed after a
/// delay, two at once, and with the peak memory the kernel measured.
enum TestRun {
    static func process(_ program: String, _ arguments: [String], in folder: URL?) -> (Process, Pipe, Pipe) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        if let folder { process.currentDirectoryURL = folder }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        return (process, out, err)
    }

    /// Waits for a started process, reading both of its pipes.
    static func finish(_ process: Process, _ out: Pipe, _ err: Pipe) -> ReplayBinary.Outcome {
        final class Collected: @unchecked Sendable { var data = Data() }
        let errors = Collected()
        let group = DispatchGroup()
        group.enter()
        let handle = err.fileHandleForReading
        DispatchQueue.global().async { errors.data = handle.readDataToEndOfFile(); group.leave() }
        let output = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return ReplayBinary.Outcome(status: process.terminationStatus, stdout: String(decoding: output, as: UTF8.self),
                                    stderr: String(decoding: errors.data, as: UTF8.self))
    }

    static func run(_ program: String, _ arguments: [String], in folder: URL? = nil) -> ReplayBinary.Outcome {
        let (process, out, err) = process(program, arguments, in: folder)
        do { try process.run() } catch { return ReplayBinary.Outcome(status: -1, stdout: "", stderr: "\(error)") }
        return finish(process, out, err)
    }

    static func status(_ program: String, _ arguments: [String], in folder: URL? = nil) -> Int32 {
        run(program, arguments, in: folder).status
    }

    /// What a program printed on stdout for `input`.
    static func output(_ program: String, _ arguments: [String], input: Data) -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        let out = Pipe(), inPipe = Pipe()
        process.standardOutput = out
        process.standardInput = inPipe
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return Data() }
        let writer = inPipe.fileHandleForWriting
        DispatchQueue.global().async {
            writer.write(input)
            try? writer.close()
        }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return data
    }

    /// Starts a program and sends it SIGKILL after `delay` seconds (if it still runs).
    @discardableResult
    static func killed(_ program: String, _ arguments: [String], in folder: URL, after delay: TimeInterval) -> Int32 {
        let (process, out, err) = process(program, arguments, in: folder)
        do { try process.run() } catch { return -1 }
        let pid = process.processIdentifier
        DispatchQueue.global().asyncAfter(deadline: .now() + delay) { kill(pid, SIGKILL) }
        return finish(process, out, err).status
    }

    /// Starts one process per argument list at once and waits for all.
    static func together(_ program: String, _ argumentLists: [[String]], in folder: URL) -> [ReplayBinary.Outcome] {
        let started = argumentLists.map { process(program, $0, in: folder) }
        for (process, _, _) in started { try? process.run() }
        return started.map { finish($0.0, $0.1, $0.2) }
    }

    /// Runs a program with its output discarded; its exit status and peak resident memory in
    /// bytes, as the kernel counted it (wait4's ru_maxrss).
    static func peakMemory(_ program: String, _ arguments: [String], in folder: URL) -> (status: Int32, bytes: Int) {
        var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        // posix_spawn has no working folder of its own here: run through sh with cd.
        let quoted = ([program] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        let argv = ["/bin/sh", "-c", "cd '\(folder.path)' && exec \(quoted)"]
        var cArgs = argv.map { strdup($0) } + [nil]
        defer { for p in cArgs { free(p) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, "/bin/sh", &actions, nil, &cArgs, environ) == 0 else { return (-1, 0) }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let exited = (status & 0x7f) == 0 ? (status >> 8) & 0xff : -1
        return (exited, usage.ru_maxrss * 1024)
    }
}
