/// An id as the outputs write it (SPEC §4): as it is when it is UTF-8 without a `\`; otherwise
/// each byte that is not part of a UTF-8 character, and each `\`, as `\xHH`. Two different ids
/// never look alike (decoding with a replacement character would merge them).
package enum IdText {
    package static func escaped<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        // Most ids are ASCII without a backslash: decoded as they are, on the fast path.
        if bytes.allSatisfy({ $0 < 0x80 && $0 != 0x5C }) { return String(decoding: bytes, as: UTF8.self) }
        if !bytes.contains(0x5C), let plain = String(validating: bytes, as: UTF8.self) { return plain }
        let b = Array(bytes)
        var out: [UInt8] = []
        out.reserveCapacity(b.count + 16)
        let hex = Array("0123456789ABCDEF".utf8)
        var i = 0
        while i < b.count {
            let n = characterLength(b, at: i)
            if n > 0 && b[i] != 0x5C {
                out += b[i..<i + n]
                i += n
            } else {
                out += [0x5C, 0x78, hex[Int(b[i] >> 4)], hex[Int(b[i] & 0xF)]]
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
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
    /// `\xHH` (two hex digits, either case) is the byte HH; any other `\` is itself. The inverse
    /// of `escaped` on what it writes.
    package static func unescaped(_ text: String) -> [UInt8] {
        let b = Array(text.utf8)
        guard b.contains(0x5C) else { return b }
        func hex(_ c: UInt8) -> UInt8? {
            switch c {
            case 0x30...0x39: return c - 0x30
            case 0x41...0x46: return c - 0x41 + 10
            case 0x61...0x66: return c - 0x61 + 10
            default: return nil
            }
        }
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        var i = 0
        while i < b.count {
            if b[i] == 0x5C, i + 3 < b.count, b[i + 1] == 0x78, let h = hex(b[i + 2]), let l = hex(b[i + 3]) {
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
