#if canImport(Glibc)
import Glibc
#endif
import ReplaySupport
import SystemPackage

extension FilePath {
    /// The path as replay shows it, as ids are shown (`IdText`): its text when it is UTF-8
    /// without a `\` or a control, else with `\xHH` (names on disk are bytes; two names never
    /// show alike).
    package var shown: String {
        withPlatformString { c in
            // Safe because a platform string is NUL-terminated: strlen stops inside it.
            let bytes = UnsafeRawBufferPointer(start: c, count: strlen(c))
            return IdText.escaped(bytes)
        }
    }
}
