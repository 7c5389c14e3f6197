/// Where a gzip member begins in a file's lines: the first line that holds any of its bytes
/// (a line may begin in the member before). Members count from 0 per file.
struct MemberStart: Sendable, Equatable {
    var member: Int
    var firstLine: Int
}
