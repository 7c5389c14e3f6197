/// Whose data a request's render shows, as plain numbers (so that requests and renders are
/// copied without reference counting): nobody, one person, or a list of people kept in the
/// group's `SubjectLists` (a table's entry).
package enum Subjects {
    case none
    case one(Int32)
    case listed(Int32)
}
