import CXlsxWriter
#if canImport(Glibc)
import Glibc
#endif

/// An XLSX workbook written by libxlsxwriter (Debian's libxlsxwriter-dev): the one place
/// replay calls it. Rows are written in order and go to temporary files as they are written
/// (libxlsxwriter's `constant_memory`), so a long list does not grow memory; `close` writes the
/// file. The temporary files are made, and removed, in `temporaryFolder`.
package final class Workbook {
    /// libxlsxwriter refused something: the file cannot be written.
    package struct Failure: Error, CustomStringConvertible {
        package var description: String
    }

    /// Excel's rows per sheet, the header's included.
    package static let rowsPerSheet = Int(LXW_ROW_MAX)
    /// Excel's longest text in a cell.
    package static let longestText = 32_767

    private var workbook: UnsafeMutablePointer<lxw_workbook>?
    private var formats: [String: UnsafeMutablePointer<lxw_format>] = [:]
    private var failure: String?

    /// A workbook to be written to `path` (which the caller has made, empty, mode 0600); `created`
    /// is the document's date (seconds since 1970), fixed so that the same run gives the same
    /// bytes.
    package init(path: String, temporaryFolder: String, created: Int64, title: String) throws {
        let made: UnsafeMutablePointer<lxw_workbook>? = temporaryFolder.withCString { tmp in
            var options = lxw_workbook_options(constant_memory: 1, tmpdir: UnsafeMutablePointer(mutating: tmp), use_zip64: 1)
            return workbook_new_opt(path, &options)
        }
        guard let made else { throw Failure(description: "libxlsxwriter cannot start a workbook") }
        workbook = made
        title.withCString { t in
            "replay".withCString { author in
                var properties = lxw_doc_properties()
                properties.title = UnsafeMutablePointer(mutating: t)
                properties.author = UnsafeMutablePointer(mutating: author)
                properties.created = time_t(created)
                _ = workbook_set_properties(made, &properties)
            }
        }
    }

    deinit {
        // A workbook not closed is still freed (and its temporary files removed) by closing it;
        // the file it leaves is discarded with the result set.
        if let workbook { _ = workbook_close(workbook) }
    }

    /// A new sheet named `name` (at most 31 characters, none of `[]:*?/\`).
    package func addSheet(_ name: String) throws -> Worksheet {
        guard let workbook, let sheet = workbook_add_worksheet(workbook, name) else {
            throw Failure(description: "libxlsxwriter refuses the sheet name \(name)")
        }
        return Worksheet(sheet, owner: self)
    }

    /// A cell format with an Excel number format (`yyyy-mm-dd`, …), made once per text.
    func format(_ numberFormat: String?, bold: Bool = false) -> UnsafeMutablePointer<lxw_format>? {
        let key = (bold ? "b:" : "") + (numberFormat ?? "")
        if let known = formats[key] { return known }
        guard let workbook, let made = workbook_add_format(workbook) else { return nil }
        if let numberFormat { format_set_num_format(made, numberFormat) }
        if bold { format_set_bold(made) }
        formats[key] = made
        return made
    }

    /// Keeps the first thing that went wrong; `close` throws it.
    func note(_ error: lxw_error, _ what: @autoclosure () -> String) {
        guard error != LXW_NO_ERROR, failure == nil else { return }
        failure = "\(what()): \(String(cString: lxw_strerror(error)))"
    }

    /// Writes the file and frees the workbook.
    package func close() throws {
        guard let workbook else { return }
        self.workbook = nil
        let error = workbook_close(workbook)
        if let failure { throw Failure(description: failure) }
        guard error == LXW_NO_ERROR else { throw Failure(description: String(cString: lxw_strerror(error))) }
    }
}
