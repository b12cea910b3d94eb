import YAML

/// A month or a day written with its month's name in German, French, Spanish, Italian,
/// Dutch or Portuguese (`Dezember 2027`, `31 de diciembre de 2027`, `31. Dezember
/// 2027`), as plans in those languages write deadlines. Each has one reading, which the
/// `wrong-type` message names and the editor offers (`2027-12`, `2027-12-31`); it is not
/// read as the period itself, as English names are (model.md, "Periods").
enum ForeignDates {
    /// The month names; a name two languages share means the same month in both.
    static let months: [String: Int] = {
        let names: [[String]] = [
            ["januar", "janvier", "enero", "gennaio", "januari", "janeiro"],
            ["februar", "février", "fevrier", "febrero", "febbraio", "februari", "fevereiro"],
            ["märz", "maerz", "mars", "marzo", "maart", "março", "marco"],
            ["avril", "abril", "aprile"],
            ["mai", "mayo", "maggio", "mei", "maio"],
            ["juni", "juin", "junio", "giugno", "junho"],
            ["juli", "juillet", "julio", "luglio", "julho"],
            ["août", "aout", "agosto", "augustus"],
            ["septembre", "septiembre", "setiembre", "settembre", "setembro"],
            ["oktober", "octobre", "octubre", "ottobre", "outubro"],
            ["novembre", "noviembre", "novembro"],
            ["dezember", "décembre", "decembre", "diciembre", "dicembre", "dezembro"],
        ]
        var table: [String: Int] = [:]
        for (i, words) in names.enumerated() { for word in words { table[word] = i + 1 } }
        return table
    }()

    /// `2027-12` for a month, `2027-12-31` for a day; nil unless `text` is a month name
    /// of the table and a four-digit year, perhaps after a day (`31.`, `1er`), with
    /// `de`/`del` between as Spanish and Portuguese write them.
    static func read(_ text: String) -> (text: String, isDay: Bool)? {
        let words = text.lowercased().split(whereSeparator: { $0 == " " || $0 == "," })
            .filter { $0 != "de" && $0 != "del" }
        guard (2...3).contains(words.count), let year = words.last, year.count == 4, year.allSatisfy({ $0.isASCII && $0.isNumber }),
              let y = Int(year), let m = months[String(words[words.count - 2])] else { return nil }
        let month = "\(y)-\(m < 10 ? "0" : "")\(m)"
        guard words.count == 3 else { return (month, false) }
        var day = words[0]
        if day.hasSuffix(".") { day = day.dropLast() }
        if day.hasSuffix("er") || day.hasSuffix("º") { day = day.prefix { $0.isNumber } }
        guard (1...2).contains(day.count), day.allSatisfy({ $0.isASCII && $0.isNumber }), let d = Int(day),
              let date = CivilDate(year: y, month: m, day: d) else { return nil }
        return (date.description, true)
    }
}
