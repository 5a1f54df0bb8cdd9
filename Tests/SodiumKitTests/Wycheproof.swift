import CommsMapTestSupport
import Foundation
import Testing

/// One Wycheproof vector file: groups of tests, each test a dictionary of hex fields.
struct WycheproofFile: Decodable {
    struct Group: Decodable {
        var fields: [String: JSONValue]
        var tests: [Case]

        init(from decoder: any Decoder) throws {
            let all = try [String: JSONValue](from: decoder)
            fields = all.filter { $0.key != "tests" }
            let container = try decoder.container(keyedBy: AnyKey.self)
            tests = try container.decode([Case].self, forKey: AnyKey("tests"))
        }
    }

    struct Case: Decodable {
        var tcId: Int
        var comment: String
        var flags: [String]
        var result: String
        var fields: [String: JSONValue]

        init(from decoder: any Decoder) throws {
            fields = try [String: JSONValue](from: decoder)
            let container = try decoder.container(keyedBy: AnyKey.self)
            tcId = try container.decode(Int.self, forKey: AnyKey("tcId"))
            comment = try container.decode(String.self, forKey: AnyKey("comment"))
            flags = try container.decode([String].self, forKey: AnyKey("flags"))
            result = try container.decode(String.self, forKey: AnyKey("result"))
        }

        /// A hex field, decoded.
        func bytes(_ key: String) throws -> [UInt8] {
            guard case .string(let hex)? = fields[key] else { throw VectorError.missing(key, tcId) }
            return try hexBytes(hex)
        }

        func int(_ key: String) throws -> Int {
            guard case .number(let n)? = fields[key] else { throw VectorError.missing(key, tcId) }
            return Int(n)
        }
    }

    var algorithm: String
    var numberOfTests: Int
    var testGroups: [Group]

    static func load(_ name: String) throws -> WycheproofFile {
        let url = TestPaths.vectors("wycheproof").appendingPathComponent(name)
        return try JSONDecoder().decode(WycheproofFile.self, from: Data(contentsOf: url))
    }
}

enum JSONValue: Decodable {
    case string(String), number(Double), bool(Bool), array([JSONValue]), object([String: JSONValue]), null

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let v = try? c.decode(Bool.self) { self = .bool(v) }
        else if let v = try? c.decode(Double.self) { self = .number(v) }
        else if let v = try? c.decode(String.self) { self = .string(v) }
        else if let v = try? c.decode([JSONValue].self) { self = .array(v) }
        else { self = .object(try c.decode([String: JSONValue].self)) }
    }
}

struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ s: String) { stringValue = s }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

enum VectorError: Error { case missing(String, Int), badHex(String) }

func hexBytes(_ hex: String) throws -> [UInt8] {
    let chars = Array(hex.utf8)
    guard chars.count % 2 == 0 else { throw VectorError.badHex(hex) }
    func nibble(_ c: UInt8) throws -> UInt8 {
        switch c {
        case 48...57: return c - 48
        case 97...102: return c - 87
        case 65...70: return c - 55
        default: throw VectorError.badHex(hex)
        }
    }
    return try stride(from: 0, to: chars.count, by: 2).map { try nibble(chars[$0]) << 4 | nibble(chars[$0 + 1]) }
}

/// What an implementation did with one vector.
enum VectorOutcome: Equatable { case accepted, rejected }

/// Runs every test of a Wycheproof file through `check` and compares with the wanted result.
///
/// `valid` must be accepted and `invalid` rejected. `acceptable` may go either way unless
/// `acceptable` says which outcome this implementation must give (e.g. X25519 must reject
/// an all-zero shared secret, as age requires). Returns the number of tests run.
@discardableResult
func runWycheproof(
    _ file: String,
    acceptable: (WycheproofFile.Group, WycheproofFile.Case) -> VectorOutcome? = { _, _ in nil },
    check: (WycheproofFile.Group, WycheproofFile.Case) throws -> VectorOutcome
) throws -> Int {
    let vectors = try WycheproofFile.load(file)
    var count = 0
    for group in vectors.testGroups {
        for test in group.tests {
            count += 1
            let outcome: VectorOutcome
            do { outcome = try check(group, test) } catch { outcome = .rejected }
            switch test.result {
            case "valid":
                #expect(outcome == .accepted, "\(file) tcId \(test.tcId) (\(test.comment)) should be accepted")
            case "invalid":
                #expect(outcome == .rejected, "\(file) tcId \(test.tcId) (\(test.comment)) should be rejected")
            default:
                if let wanted = acceptable(group, test) {
                    #expect(outcome == wanted, "\(file) tcId \(test.tcId) (\(test.comment)): want \(wanted)")
                }
            }
        }
    }
    #expect(count == vectors.numberOfTests, "\(file): ran \(count) of \(vectors.numberOfTests) tests")
    return count
}
