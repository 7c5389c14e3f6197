import Foundation
import PackagePlugin

/// Records the commit replay is built from (`git rev-parse HEAD`, with `+changes` when tracked
/// files differ from it) in a generated `BuildCommit.swift`, for `replay --version` and
/// summary.json. Made again whenever HEAD moves or the index changes; `unknown` outside a git
/// checkout.
@main
struct BuildCommit: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("BuildCommit.swift")
        let root = context.package.directoryURL
        let git = root.appendingPathComponent(".git")
        let watched = ["HEAD", "logs/HEAD", "index", "packed-refs"].map { git.appendingPathComponent($0) }
            .filter { FileManager.default.fileExists(atPath: $0.path) }
        let script = """
            commit=$(git -C "$1" rev-parse HEAD 2>/dev/null) || commit=unknown
            if [ "$commit" != unknown ] && [ -n "$(git -C "$1" status --porcelain --untracked-files=no 2>/dev/null)" ]; then
              commit="$commit+changes"
            fi
            printf '/// The commit this replay was built from (made by the BuildCommit plugin).\\npackage let buildCommit = "%s"\\n' "$commit" > "$2.new"
            if cmp -s "$2.new" "$2"; then rm -f "$2.new"; else mv "$2.new" "$2"; fi
            """
        return [.buildCommand(displayName: "Recording the commit replay is built from",
                              executable: URL(fileURLWithPath: "/bin/sh"),
                              arguments: ["-c", script, "sh", root.path, output.path],
                              inputFiles: watched, outputFiles: [output])]
    }
}
