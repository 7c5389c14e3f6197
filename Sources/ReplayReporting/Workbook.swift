import ReplayParsing

/// An XLSX workbook (Office Open XML SpreadsheetML in a ZIP package), written front to back
/// into one of the result set's files: each sheet's XML is deflated as its rows are written,
/// so a long list does not grow memory, and `close` adds the workbook's other parts and the
/// ZIP directory. The parts are those libxlsxwriter writes (replay used it first), without
/// the theme; text cells are inline strings, dates numbers with a date format.
///
/// Written here rather than by libxlsxwriter: it formatted every cell with `fprintf` and
/// deflated at zlib's default level, 5.6 G instructions for one bench node's list (more than
/// a quarter of the whole run); this writer takes a tenth of that.
package final class Workbook {
    /// The workbook cannot be written (a name Excel refuses, cells out of order, a file past
    /// 4 GiB, a write that failed).
    package struct Failure: Error, CustomStringConvertible {
        package var description: String
    }

    /// Excel's rows per sheet, the header's included.
    package static let rowsPerSheet = 1_048_576
    /// Excel's longest text in a cell.
    package static let longestText = 32_767

    private let file: ResultFile
    let zip: ZipArchive
    private let created: Int64
    private let title: String
    private var sheets: [(name: String, filter: String?)] = []
    private var current: Worksheet?
    private var failure: String?

    /// A workbook written into `file` (which `close` closes); `created` is the document's date
    /// (seconds since 1970), fixed so that the same run gives the same bytes.
    package init(file: ResultFile, created: Int64, title: String) throws {
        self.file = file
        self.created = created
        self.title = title
        do { zip = try ZipArchive(into: file) } catch let e as Deflater.Failure { throw Failure(description: e.description) }
    }

    /// A new sheet named `name` (1 to 31 characters, none of `[]:*?/\`, not beginning or ending
    /// with `'`); the sheet before it is done.
    package func addSheet(_ name: String) throws -> Worksheet {
        guard (1...31).contains(name.count), !name.contains(where: { "[]:*?/\\".contains($0) }),
              name.first != "'", name.last != "'", !sheets.contains(where: { $0.name.lowercased() == name.lowercased() }) else {
            throw Failure(description: "Excel refuses the sheet name \(name)")
        }
        try finishSheet()
        sheets.append((name, nil))
        try attempt { try zip.begin("xl/worksheets/sheet\(sheets.count).xml") }
        let sheet = Worksheet(index: sheets.count - 1, owner: self)
        current = sheet
        return sheet
    }

    private func finishSheet() throws {
        guard let sheet = current else { return }
        current = nil
        sheets[sheet.index].filter = sheet.filter
        try attempt { try sheet.finish() }
        if let failure { throw Failure(description: failure) }
    }

    /// Keeps the first thing that went wrong; `close` throws it.
    func note(_ what: String) {
        if failure == nil { failure = what }
    }

    /// Runs a step of the writing, turning the archive's failures into the workbook's.
    func attempt(_ step: () throws -> Void) throws {
        do { try step() } catch let e as ZipArchive.Failure {
            throw Failure(description: e.description)
        } catch let e as Deflater.Failure {
            throw Failure(description: e.description)
        }
    }

    /// Writes the rest of the file and closes it.
    package func close() throws {
        try finishSheet()
        if let failure { throw Failure(description: failure) }
        try attempt {
            for (name, text) in parts {
                try zip.begin(name)
                try zip.write(text)
            }
            try zip.finish()
        }
        do { try file.close() } catch let e as ResultSet.WriteFailure { throw Failure(description: e.reason) }
    }

    // MARK: The package's other parts

    private static let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    private static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    private static let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    private static let packageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships"

    /// XML character data or an attribute value: the entities HTML and XML share.
    private static func escaped(_ text: String) -> String { ReportPage.escape(text) }

    private var parts: [(String, String)] {
        [("[Content_Types].xml", contentTypes), ("_rels/.rels", packageRels), ("docProps/app.xml", app), ("docProps/core.xml", core),
         ("xl/workbook.xml", workbook), ("xl/_rels/workbook.xml.rels", workbookRels), ("xl/styles.xml", Self.styles)]
    }

    private var contentTypes: String {
        let office = "application/vnd.openxmlformats-officedocument"
        var xml = Self.declaration + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
            + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
            + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
            + "<Override PartName=\"/docProps/app.xml\" ContentType=\"\(office).extended-properties+xml\"/>"
            + "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
            + "<Override PartName=\"/xl/styles.xml\" ContentType=\"\(office).spreadsheetml.styles+xml\"/>"
            + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"\(office).spreadsheetml.sheet.main+xml\"/>"
        for i in sheets.indices {
            xml += "<Override PartName=\"/xl/worksheets/sheet\(i + 1).xml\" ContentType=\"\(office).spreadsheetml.worksheet+xml\"/>"
        }
        return xml + "</Types>"
    }

    private var packageRels: String {
        Self.declaration + "<Relationships xmlns=\"\(Self.packageRelationships)\">"
            + "<Relationship Id=\"rId1\" Type=\"\(Self.relationships)/officeDocument\" Target=\"xl/workbook.xml\"/>"
            + "<Relationship Id=\"rId2\" Type=\"\(Self.packageRelationships)/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
            + "<Relationship Id=\"rId3\" Type=\"\(Self.relationships)/extended-properties\" Target=\"docProps/app.xml\"/>"
            + "</Relationships>"
    }

    private var app: String {
        let names = sheets.map { "<vt:lpstr>\(Self.escaped($0.name))</vt:lpstr>" }.joined()
        return Self.declaration
            + "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\" "
            + "xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">"
            + "<Application>Microsoft Excel</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>"
            + "<HeadingPairs><vt:vector size=\"2\" baseType=\"variant\"><vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant>"
            + "<vt:variant><vt:i4>\(sheets.count)</vt:i4></vt:variant></vt:vector></HeadingPairs>"
            + "<TitlesOfParts><vt:vector size=\"\(sheets.count)\" baseType=\"lpstr\">\(names)</vt:vector></TitlesOfParts>"
            + "<Company></Company><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
            + "<HyperlinksChanged>false</HyperlinksChanged><AppVersion>12.0000</AppVersion></Properties>"
    }

    private var core: String {
        // W3CDTF, to the second.
        let date = String(CivilTime.format(milliseconds: created * 1000).prefix(19)) + "Z"
        return Self.declaration
            + "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
            + "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" "
            + "xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
            + "<dc:title>\(Self.escaped(Worksheet.cellText(title)))</dc:title><dc:creator>replay</dc:creator>"
            + "<cp:lastModifiedBy>replay</cp:lastModifiedBy>"
            + "<dcterms:created xsi:type=\"dcterms:W3CDTF\">\(date)</dcterms:created>"
            + "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">\(date)</dcterms:modified></cp:coreProperties>"
    }

    private var workbook: String {
        var xml = Self.declaration + "<workbook xmlns=\"\(Self.main)\" xmlns:r=\"\(Self.relationships)\">"
            + "<workbookPr/><bookViews><workbookView xWindow=\"240\" yWindow=\"15\" windowWidth=\"16095\" windowHeight=\"9660\"/></bookViews><sheets>"
        for (i, sheet) in sheets.enumerated() {
            xml += "<sheet name=\"\(Self.escaped(sheet.name))\" sheetId=\"\(i + 1)\" r:id=\"rId\(i + 1)\"/>"
        }
        xml += "</sheets>"
        let filters = sheets.enumerated().compactMap { i, sheet in
            sheet.filter.map { range in
                // The filter's range, for Excel: `'name'!$A$1:$J$9`.
                let quoted = "'" + sheet.name.replacingOccurrences(of: "'", with: "''") + "'!"
                return "<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"\(i)\" hidden=\"1\">\(Self.escaped(quoted + range))</definedName>"
            }
        }
        if !filters.isEmpty { xml += "<definedNames>" + filters.joined() + "</definedNames>" }
        return xml + "<calcPr calcId=\"124519\" fullCalcOnLoad=\"1\"/></workbook>"
    }

    private var workbookRels: String {
        var xml = Self.declaration + "<Relationships xmlns=\"\(Self.packageRelationships)\">"
        for i in sheets.indices {
            xml += "<Relationship Id=\"rId\(i + 1)\" Type=\"\(Self.relationships)/worksheet\" Target=\"worksheets/sheet\(i + 1).xml\"/>"
        }
        return xml + "<Relationship Id=\"rId\(sheets.count + 1)\" Type=\"\(Self.relationships)/styles\" Target=\"styles.xml\"/></Relationships>"
    }

    /// Three cell formats: 0 plain, 1 bold (the header), 2 a date to the millisecond.
    private static let styles = declaration + "<styleSheet xmlns=\"\(main)\">"
        + "<numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"yyyy-mm-dd hh:mm:ss.000\"/></numFmts>"
        + "<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font>"
        + "<font><b/><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font></fonts>"
        + "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills>"
        + "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
        + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
        + "<cellXfs count=\"3\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
        + "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>"
        + "<xf numFmtId=\"164\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/></cellXfs>"
        + "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
        + "<dxfs count=\"0\"/><tableStyles count=\"0\" defaultTableStyle=\"TableStyleMedium9\" defaultPivotStyle=\"PivotStyleLight16\"/></styleSheet>"
}
