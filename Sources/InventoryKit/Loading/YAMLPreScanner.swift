/// A single linear pass over the raw bytes that refuses what must never reach the YAML
/// parser: invalid UTF-8 and binary data, nesting deeper than a limit, and anchors used
/// with aliases.
///
/// Why before parsing: Yams builds its tree recursively, so a file of a million `[` can
/// overflow the stack before any check on the tree could run; and Yams hashes mapping
/// keys, so an alias key that stands for a "billion laughs" structure takes exponential
/// time inside the parser. The scanner knows just enough YAML to find node starts (it
/// skips quoted scalars, comments and block scalars); its depth is an upper bound of the
/// real nesting, which is why the limit is generous.
struct YAMLPreScanner {
    /// The first problem found, with its 1-based line and column (in Unicode scalars, as
    /// libyaml counts).
    struct Problem: Equatable {
        enum Kind: Equatable {
            case encoding(String)
            case tooDeep
            case anchor
            case alias
        }

        var kind: Kind
        var line: Int
        var column: Int
    }

    let bytes: [UInt8]
    let maxDepth: Int

    /// Runs both checks; nil when the bytes may be handed to the parser.
    func scan() -> Problem? {
        if let problem = checkEncoding() { return problem }
        return checkStructure()
    }

    // MARK: Encoding

    /// Valid UTF-8 with no control characters other than tab, line feed and carriage
    /// return (the YAML 1.2 printable set, §5.1).
    private func checkEncoding() -> Problem? {
        var line = 1
        var column = 1
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 {
                if b == 0x0A {
                    line += 1
                    column = 1
                    i += 1
                    continue
                }
                if (b < 0x20 && b != 0x09 && b != 0x0D) || b == 0x7F {
                    let hex = String(b, radix: 16, uppercase: true)
                    let padded = hex.count == 1 ? "0" + hex : hex
                    return Problem(
                        kind: .encoding("control character 0x\(padded): this looks like a binary file, not YAML text"),
                        line: line, column: column)
                }
                i += 1
                column += 1
                continue
            }
            guard let length = validSequenceLength(at: i) else {
                return Problem(kind: .encoding("invalid UTF-8 byte sequence"), line: line, column: column)
            }
            i += length
            column += 1
        }
        return nil
    }

    /// The length of the well-formed UTF-8 sequence at `i` (RFC 3629, no surrogates, no
    /// overlong forms), or nil.
    private func validSequenceLength(at i: Int) -> Int? {
        let b0 = bytes[i]
        let length: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch b0 {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; high = 0x9F
        case 0xF0: length = 4; low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; high = 0x8F
        default: return nil
        }
        guard i + length <= bytes.count else { return nil }
        let b1 = bytes[i + 1]
        guard b1 >= low, b1 <= high else { return nil }
        for k in 2..<length where !(0x80...0xBF).contains(bytes[i + k]) { return nil }
        return length
    }

    // MARK: Structure

    private static let space = UInt8(ascii: " ")
    private static let tab = UInt8(ascii: "\t")
    private static let newline = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")

    private func isBlank(_ b: UInt8) -> Bool {
        b == Self.space || b == Self.tab || b == Self.newline || b == Self.carriageReturn
    }

    private func isFlowIndicator(_ b: UInt8) -> Bool {
        b == UInt8(ascii: ",") || b == UInt8(ascii: "[") || b == UInt8(ascii: "]")
            || b == UInt8(ascii: "{") || b == UInt8(ascii: "}")
    }

    /// Column (1-based, in Unicode scalars) of byte `i` on the line starting at `lineStart`.
    private func column(of i: Int, lineStart: Int) -> Int {
        var column = 1
        var k = lineStart
        while k < i {
            if bytes[k] & 0xC0 != 0x80 { column += 1 }
            k += 1
        }
        return column
    }

    private func checkStructure() -> Problem? {
        let n = bytes.count
        var i = 0
        var line = 0
        var flowDepth = 0
        var indentStack: [Int] = []
        // Inside a block scalar (`|`, `>`): the indentation of the line that opened it.
        var blockScalarParent: Int?
        // Inside a quoted scalar that runs over several lines.
        var openQuote: UInt8?
        // Expansion needs an anchor and an alias: with only one kind, the parser can do no
        // harm (an alias without anchor is an error, an anchor without alias is one node)
        // and the tree conversion reports either precisely, without the scanner's rare
        // false alarms (a continuation line of plain text starting with `&word`).
        var firstAnchor: Problem?
        var firstAlias: Problem?
        // Skip a UTF-8 byte order mark.
        if n >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }

        while i < n {
            line += 1
            let lineStart = i
            var lineEnd = i
            while lineEnd < n, bytes[lineEnd] != Self.newline { lineEnd += 1 }
            defer { i = lineEnd + 1 }

            var indent = 0
            while lineStart + indent < lineEnd, bytes[lineStart + indent] == Self.space { indent += 1 }
            var j = lineStart + indent
            while j < lineEnd, bytes[j] == Self.tab || bytes[j] == Self.carriageReturn || bytes[j] == Self.space { j += 1 }
            let blankLine = j == lineEnd

            if let parent = blockScalarParent {
                if blankLine || indent > parent { continue }
                blockScalarParent = nil
            }
            var atNodeStart = openQuote == nil
            var inlineDepth = 0

            if openQuote == nil, flowDepth == 0 {
                if blankLine || bytes[j] == UInt8(ascii: "#") { continue }
                // Directives and document markers.
                if indent == 0, bytes[j] == UInt8(ascii: "%") { continue }
                if indent == 0, lineEnd - j >= 3 {
                    let marker = bytes[j..<(j + 3)]
                    let follows = j + 3 == lineEnd || isBlank(bytes[j + 3])
                    if follows, marker.elementsEqual("...".utf8) { continue }
                    if follows, marker.elementsEqual("---".utf8) {
                        indentStack.removeAll()
                        j += 3
                    }
                }
                while let last = indentStack.last, last > indent { indentStack.removeLast() }
                if indentStack.last != indent { indentStack.append(indent) }
            }

            lineLoop: while j < lineEnd {
                let c = bytes[j]
                if let quote = openQuote {
                    if quote == UInt8(ascii: "\""), c == UInt8(ascii: "\\") {
                        j += 2
                        continue
                    }
                    if c == quote {
                        if quote == UInt8(ascii: "'"), j + 1 < lineEnd, bytes[j + 1] == quote {
                            j += 2
                            continue
                        }
                        openQuote = nil
                        atNodeStart = false
                    }
                    j += 1
                    continue
                }
                let next: UInt8? = j + 1 < lineEnd ? bytes[j + 1] : nil
                let followedByBlank = next.map { isBlank($0) } ?? true
                switch c {
                case Self.space, Self.tab, Self.carriageReturn:
                    j += 1
                    continue lineLoop
                case UInt8(ascii: "#"):
                    if j == lineStart || isBlank(bytes[j - 1]) { break lineLoop }
                    atNodeStart = false
                case UInt8(ascii: "\""), UInt8(ascii: "'"):
                    if atNodeStart {
                        openQuote = c
                        atNodeStart = false
                    }
                case UInt8(ascii: "&"), UInt8(ascii: "*"):
                    if atNodeStart, let next, !isBlank(next), !isFlowIndicator(next) {
                        let found = Problem(
                            kind: c == UInt8(ascii: "&") ? .anchor : .alias, line: line,
                            column: column(of: j, lineStart: lineStart))
                        if c == UInt8(ascii: "&") {
                            if firstAnchor == nil { firstAnchor = found }
                        } else if firstAlias == nil {
                            firstAlias = found
                        }
                    }
                    atNodeStart = false
                case UInt8(ascii: "!"):
                    if atNodeStart {
                        // A tag is a node property: the node itself still follows.
                        while j < lineEnd, !isBlank(bytes[j]) { j += 1 }
                        continue lineLoop
                    }
                case UInt8(ascii: "-"), UInt8(ascii: "?"):
                    if atNodeStart, followedByBlank, flowDepth == 0 || c == UInt8(ascii: "?") {
                        inlineDepth += 1
                        atNodeStart = true
                    } else {
                        atNodeStart = false
                    }
                case UInt8(ascii: ":"):
                    if followedByBlank || (flowDepth > 0 && next.map(isFlowIndicator) == true) {
                        inlineDepth += 1
                        atNodeStart = true
                    } else {
                        atNodeStart = false
                    }
                case UInt8(ascii: "["), UInt8(ascii: "{"):
                    if atNodeStart || flowDepth > 0 {
                        flowDepth += 1
                        atNodeStart = true
                    } else {
                        atNodeStart = false
                    }
                case UInt8(ascii: "]"), UInt8(ascii: "}"):
                    if flowDepth > 0 { flowDepth -= 1 }
                    atNodeStart = false
                case UInt8(ascii: ","):
                    atNodeStart = flowDepth > 0
                case UInt8(ascii: "|"), UInt8(ascii: ">"):
                    if atNodeStart, flowDepth == 0 {
                        blockScalarParent = indent
                        break lineLoop
                    }
                    atNodeStart = false
                default:
                    atNodeStart = false
                }
                if indentStack.count + inlineDepth + flowDepth > maxDepth {
                    return Problem(kind: .tooDeep, line: line, column: column(of: j, lineStart: lineStart))
                }
                j += 1
            }
        }
        if let firstAnchor, firstAlias != nil { return firstAnchor }
        return nil
    }
}
