/// Bytes as a dictionary key, hashed in one call over the buffer: `[UInt8]`'s own hashing
/// feeds the hasher a byte at a time, which was most of loading a table of a million rows.
package struct ByteKey: Hashable, Sendable {
    package var bytes: [UInt8]

    package init(_ bytes: [UInt8]) { self.bytes = bytes }

    package func hash(into hasher: inout Hasher) {
        bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
    }
}
