import AssessmentKit
import Foundation
import InventoryKit
import Testing

/// Large assessments are judged and rendered in parallel slices; the result must be the
/// one a subject-by-subject run gives, in the same order. (Rendering in parallel is
/// tested in ReportKitTests.)
@Suite struct ParallelEvaluationTests {
    @Test func aLargeAssessmentEqualsSubjectBySubjectRuns() throws {
        var world = RandomWorld(random: SplitMix64(seed: 7))
        var inventory = world.inventory()
        // 1,200 tools: enough for many slices.
        var tools: [Tool] = []
        for index in 0..<1200 {
            var tool = inventory.tools[index % inventory.tools.count]
            tool.id = String(format: "tool%05d", index)
            tools.append(tool)
        }
        inventory.tools = tools
        let policy = Policy(
            id: "p", title: "P", scope: .tool, passScore: 60,
            criteria: (0..<5).map {
                Criterion(id: "c\($0)", title: "C", weight: 2, rule: RuleText(world.condition(scope: .tool, depth: 2)))
            })
        let prepared = try #require(PreparedPolicy.prepare(policy, for: inventory).0)
        let whole = Assessor.evaluate(inventory, policies: [prepared], asOf: RandomWorld.asOf)
        #expect(whole.results.count == 1200)
        #expect(whole.results.map(\.subject.id) == tools.map(\.id))
        for (index, tool) in tools.enumerated() where index % 37 == 0 {
            var single = inventory
            single.tools = [tool]
            let alone = Assessor.evaluate(single, policies: [prepared], asOf: RandomWorld.asOf)
            #expect(alone.results == [whole.results[index]], "\(tool.id)")
        }
    }
}
