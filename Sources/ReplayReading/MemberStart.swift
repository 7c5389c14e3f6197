/// Where a gzip member begins in a file's lines: the first line that holds any of its bytes
/// (a line may begin in the member before). Members count from 0 per file.
package struct MemberStart: Sendable, Equatable {
    package var member: Int
    package var firstLine: Int
}
