import Foundation

/// The groups that GDPR Art. 33 notifications split people by: EU/EEA countries, the UK, the
/// US, other countries, and people whose country is unknown (not in the directory, or an empty
/// cell). A country is known by its ISO 3166-1 alpha-2 code (`DE`, `gb`; `EL` and `UK` as the
/// EU writes them); any other text is "other".
package enum CountryGroup: String, CaseIterable, Sendable {
    case euEEA = "EU/EEA"
    case uk = "UK"
    case us = "US"
    case other = "other"
    case unknown = "unknown"

    /// The 27 EU members and Iceland, Liechtenstein and Norway.
    static let euEEACodes: Set<String> = [
        "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "EL", "HU", "IE", "IT", "LV", "LT",
        "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO",
    ]

    /// The group of a directory's country cell (summary.json's `unknown` for an empty one).
    package init(country: String) {
        let code = country.trimmingCharacters(in: .whitespaces).uppercased()
        switch code {
        case "", "UNKNOWN": self = .unknown
        case "GB", "UK": self = .uk
        case "US": self = .us
        default: self = Self.euEEACodes.contains(code) ? .euEEA : .other
        }
    }

    /// Counts by country, grouped: every group, in order, with its total.
    package static func grouped(_ byCountry: [String: Int]) -> [(group: CountryGroup, count: Int)] {
        var totals: [CountryGroup: Int] = [:]
        for (country, n) in byCountry { totals[CountryGroup(country: country), default: 0] += n }
        return allCases.map { ($0, totals[$0] ?? 0) }
    }
}
