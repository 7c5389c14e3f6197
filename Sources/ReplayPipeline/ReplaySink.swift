import ReplayThreads
import ReplayReading
import ReplayIncident
import ReplayCache

/// The replay thread's side of a group: accounts for each line of a parsed batch, in order,
/// and hands its requests (numbered already) to their node.
struct ReplaySink {
    let window: Window
    var nodes: NodeTable
    let byVariable: Bool
    var account: InputAccount
    let progress: ProgressCounter?
    /// The node of every line when nodes are told apart by folder.
    private let folderName: [UInt8]
    /// Which of the file's gzip members have passed their checks so far.
    let ledger: MemberLedger
    /// Members whose first line is still to come, in order.
    private var members: [MemberStart] = []
    private var nextMember = 0
    /// The member replayed since the checkpoint, while its check is not known.
    private var unchecked: (member: Int, account: InputAccount)?

    init(window: Window, nodes: NodeTable, byVariable: Bool, folderNode: String, account: InputAccount,
         ledger: MemberLedger, progress: ProgressCounter?) {
        self.window = window
        self.nodes = nodes
        self.byVariable = byVariable
        self.account = account
        self.ledger = ledger
        self.progress = progress
        folderName = Array(folderNode.utf8)
    }

    /// Line `number` begins one or more members: the member before it is checked by now (the
    /// reader inflates members in turn), so its replay stands; a member not yet checked is
    /// replayed after a checkpoint.
    private mutating func enterMembers(upTo number: Int) {
        while nextMember < members.count && members[nextMember].firstLine <= number {
            let member = members[nextMember].member
            nextMember += 1
            if unchecked != nil {
                nodes.commit()
                unchecked = nil
            }
            if !ledger.hasPassed(member) {
                nodes.takeCheckpoint()
                unchecked = (member, account)
            }
        }
        if nextMember == members.count {
            members.removeAll(keepingCapacity: true)
            nextMember = 0
        }
    }

    /// The end of the file: a member that failed its check (or was cut short) is undone,
    /// and its lines are counted as unverified instead.
    mutating func finish(_ report: ReadReport) {
        if report.firstUnverifiedLine != nil, let (_, before) = unchecked {
            nodes.rollBack()
            account = before
        } else if unchecked != nil {
            nodes.commit()
        }
        unchecked = nil
        account.report = report
    }

    mutating func apply(_ batch: ParsedBatch) {
        progress?.add(bytes: batch.readBytes, lines: batch.numbers.count)
        members += batch.memberStarts
        var nextStart = nextMember < members.count ? members[nextMember].firstLine : Int.max
        // Told apart by folder, every line of the file has the same node: looked up once, at
        // the first line that parses (a file of rejected lines makes no node).
        var folderNode: NodeReplay?
        // The window's bounds as plain numbers, and the batch's lists held here once: a
        // `Window` (which keeps its text) and each list of the batch, a class, were retained
        // and released at every line.
        let (start, end) = (window.start, window.end)
        let numbers = batch.numbers, fates = batch.fates, times = batch.times, details = batch.details
        let requests = batch.requests
        batch.arena.withUnsafeBytes { arena in
            for i in 0..<numbers.count {
                let number = numbers[i]
                if number >= nextStart {
                    enterMembers(upTo: number)
                    nextStart = nextMember < members.count ? members[nextMember].firstLine : Int.max
                }
                switch fates[i] {
                case .rejected:
                    account.reject(line: number, because: batch.rejections[Int(details[i])])
                    continue
                case .parsed, .matched:
                    break
                }
                let time = times[i]
                account.parsed += 1
                if account.firstTime == nil { account.firstTime = time }
                if time < account.earliest { account.earliest = time }
                if time > account.latest { account.latest = time }
                if time >= start && time < end { account.inWindow += 1 }
                let node: NodeReplay
                if !byVariable {
                    let found = folderNode ?? folderName.withUnsafeBytes { nodes.node(named: $0) }
                    folderNode = found
                    node = found
                } else {
                    let r = batch.nodeNames[i]
                    node = nodes.node(named: r.bytes(in: arena))
                }
                let onTime = node.observe(time)
                if fates[i] == .matched {
                    node.accept(requests[Int(details[i])], late: !onTime)
                }
            }
        }
    }
}
