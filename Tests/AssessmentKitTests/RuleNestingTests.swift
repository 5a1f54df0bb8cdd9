import AssessmentKit
import Testing

/// Rules nested deeper than `RuleParser.maximumDepth` are a syntax error, not a crash
/// (regression: Tools/fuzz fuzz-rule overflowed the stack with 419 '(' and a '[').
@Suite("Rule nesting depth")
struct RuleNestingTests {
    static func nested(_ levels: Int) -> String {
        String(repeating: "(", count: levels) + "tool.end_to_end_encryption" + String(repeating: ")", count: levels)
    }

    @Test("the fuzzer's crashing input is a syntax error")
    func fuzzCrasher() {
        #expect(throws: RuleError.self) { try RuleParser.parse(String(repeating: "(", count: 419) + "[") }
        do {
            _ = try RuleParser.parse(String(repeating: "(", count: 419) + "[")
        } catch {
            #expect(error.code == .syntax)
            #expect(error.message.contains("more than \(RuleParser.maximumDepth) levels deep"), "\(error)")
        }
    }

    @Test("parentheses up to the limit parse; one more is refused")
    func parentheses() throws {
        _ = try RuleParser.parse(Self.nested(RuleParser.maximumDepth))
        #expect(throws: RuleError.self) { try RuleParser.parse(Self.nested(RuleParser.maximumDepth + 1)) }
        #expect(throws: RuleError.self) { try RuleParser.parse(Self.nested(100_000)) }
    }

    @Test("'not' counts as a level")
    func nots() throws {
        let operand = "tool.end_to_end_encryption"
        _ = try RuleParser.parse(String(repeating: "not ", count: RuleParser.maximumDepth) + operand)
        #expect(throws: RuleError.self) {
            try RuleParser.parse(String(repeating: "not ", count: RuleParser.maximumDepth + 1) + operand)
        }
    }

    @Test("levels that close again do not add up")
    func siblings() throws {
        let term = Self.nested(RuleParser.maximumDepth / 2)
        _ = try RuleParser.parse(Array(repeating: term, count: 50).joined(separator: " and "))
    }
}
