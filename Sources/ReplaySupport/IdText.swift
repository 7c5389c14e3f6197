/// An id as the outputs write it (SPEC §4): as it is when it is UTF-8 without a `\`, a control
/// character or a bidirectional control; otherwise each byte that is not part of a UTF-8
/// character, each `\`, each C0 control (NUL included) and DEL as `\xHH`, and each
/// bidirectional control (U+061C, U+200E–U+200F, U+202A–U+202E, U+2066–U+2069) as `\x{202E}`,
/// so that no id can reorder or hide the text around it. Two different ids never look alike.
/// Values (a directory's cells) are written with `safe`: the same, but `\` as itself.
package enum IdText {
    package static func escaped<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        // Most ids are printable ASCII without a backslash: decoded as they are, on the fast path.
        if bytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != 0x5C }) { return String(decoding: bytes, as: UTF8.self) }
        return String(decoding: rewritten(Array(bytes), backslash: true), as: UTF8.self)
    }

    /// A value as every output writes it: controls and bidirectional controls as `escaped`
    /// writes them, a `\` as itself (a value is shown, never read back as a key).
    package static func safe(_ text: String) -> String {
        guard needsRewriting(text.utf8) else { return text }
        return String(decoding: rewritten(Array(text.utf8), backslash: false), as: UTF8.self)
    }

    /// Whether `safe` changes text with these bytes: a control, DEL, or the lead bytes of a
    /// bidirectional control (D8 for U+061C, E2 for the others).
    @inline(__always)
    package static func needsRewriting<C: Sequence>(_ bytes: C) -> Bool where C.Element == UInt8 {
        bytes.contains { $0 < 0x20 || $0 == 0x7F || $0 == 0xD8 || $0 == 0xE2 }
    }

    /// Whether a scalar is one of the bidirectional controls written as `\x{…}`.
    static func isBidiControl(_ v: UInt32) -> Bool {
        v == 0x061C || (0x200E...0x200F).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
    }

    private static func rewritten(_ b: [UInt8], backslash: Bool) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(b.count + 16)
        let hex = Array("0123456789ABCDEF".utf8)
        var i = 0
        while i < b.count {
            let n = characterLength(b, at: i)
            let c = b[i]
            if n == 0 || c < 0x20 || c == 0x7F || (backslash && c == 0x5C) {
                out += [0x5C, 0x78, hex[Int(c >> 4)], hex[Int(c & 0xF)]]
                i += 1
                continue
            }
            if n > 1, let scalar = String(decoding: b[i..<i + n], as: UTF8.self).unicodeScalars.first, isBidiControl(scalar.value) {
                out += Array("\\x{\(String(scalar.value, radix: 16, uppercase: true))}".utf8)
            } else {
                out += b[i..<i + n]
            }
            i += n
        }
        return out
    }

    /// The length of the well-formed UTF-8 character at `i`, or 0 when there is none.
    private static func characterLength(_ b: [UInt8], at i: Int) -> Int {
        let c = b[i]
        func cont(_ k: Int, _ low: UInt8 = 0x80, _ high: UInt8 = 0xBF) -> Bool { i + k < b.count && b[i + k] >= low && b[i + k] <= high }
        switch c {
        case 0x00...0x7F: return 1
        case 0xC2...0xDF: return cont(1) ? 2 : 0
        case 0xE0: return cont(1, 0xA0) && cont(2) ? 3 : 0
        case 0xE1...0xEC, 0xEE...0xEF: return cont(1) && cont(2) ? 3 : 0
        case 0xED: return cont(1, 0x80, 0x9F) && cont(2) ? 3 : 0
        case 0xF0: return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0
        case 0xF1...0xF3: return cont(1) && cont(2) && cont(3) ? 4 : 0
        case 0xF4: return cont(1, 0x80, 0x8F) && cont(2) && cont(3) ? 4 : 0
        default: return 0
        }
    }

    /// The bytes of an id as a person types it (`explain ID`) or the outputs wrote it: each
    /// `\xHH` (two hex digits, either case) is the byte HH, each `\x{HHHH}` that scalar in
    /// UTF-8; any other `\` is itself. The inverse
    /// of `escaped` on what it writes.
    package static func unescaped(_ text: String) -> [UInt8] {
        let b = Array(text.utf8)
        guard b.contains(0x5C) else { return b }
        let hex = Bytes.hexDigit
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        var i = 0
        while i < b.count {
            if b[i] == 0x5C, i + 2 < b.count, b[i + 1] == 0x78, b[i + 2] == 0x7B,
               let close = b[(i + 3)...].prefix(7).firstIndex(of: 0x7D), close > i + 3,
               let v = UInt32(String(decoding: b[(i + 3)..<close], as: UTF8.self), radix: 16), let scalar = Unicode.Scalar(v) {
                out += Array(String(Character(scalar)).utf8)
                i = close + 1
            } else if b[i] == 0x5C, i + 3 < b.count, b[i + 1] == 0x78, let h = hex(b[i + 2]), let l = hex(b[i + 3]) {
                out.append(h << 4 | l)
                i += 4
            } else {
                out.append(b[i])
                i += 1
            }
        }
        return out
    }
}
