import AssessmentKit
import Foundation
import InventoryKit
import ReportKit
import Testing

/// `InventoryDiffRenderer`: every format shows the same changes.
@Suite struct InventoryDiffRendererTests {
    static let date = CalendarDate(year: 2026, month: 11, day: 1)!

    /// Two tools used by one network; `chat`'s hosting is stated by the vendor.
    static func before() -> Inventory {
        Inventory(
            title: "Test", asOf: date, purposes: [Purpose(id: "crisis-coordination", title: "Crisis")],
            catalogue: [
                PropertyDefinition(
                    id: "hosting", type: .enumeration(["on-premises", "eu-cloud"]), description: "Hosting")
            ],
            sources: [
                Source(id: "doc", title: "Doc", kind: .vendor), Source(id: "audit", title: "Audit", kind: .official),
            ],
            networks: [
                Network(
                    id: "n1", name: "Network 1", kind: .civilian,
                    uses: [
                        Usage(tool: "chat", purposes: ["crisis-coordination"], role: .primary),
                        Usage(tool: "mail", purposes: ["crisis-coordination"], role: .backup),
                    ])
            ],
            tools: [
                Tool(
                    id: "chat", name: "Chat", category: "messenger",
                    properties: ["hosting": SourcedValue(.text("eu-cloud"), source: "doc", confidence: .claimed)]),
                Tool(id: "mail", name: "Mail", category: "email"),
            ])
    }

    @Test func rendersEveryFormatWithTheSameChanges() throws {
        var after = Self.before()
        after.tools = after.tools.filter { $0.id != "mail" }
        after.networks[0].uses = [after.networks[0].uses[0]]
        after.tools[0].properties["hosting"] = SourcedValue(
            .text("on-premises"), source: "audit", confidence: .verified)
        let diff = InventoryDiff.compare(before: Self.before(), after: after)
        let text = InventoryDiffRenderer(format: .text, before: "old", after: "new").render(diff)
        #expect(text.contains("  - tool mail\n"))
        #expect(text.contains("  - usage n1/mail\n"))
        #expect(
            text.contains(
                "  ~ tool chat: hosting: eu-cloud (source doc, claimed) -> on-premises (source audit, verified)\n"))
        #expect(text.hasSuffix("\n3 changes.\n"))
        let json = InventoryDiffRenderer(format: .json, before: "old", after: "new").render(diff)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["schema"] as? String == InventoryDiffRenderer.jsonSchema)
        #expect(object["changes"] as? Int == 3)
        #expect((object["removed"] as? [Any])?.count == 2)
        let markdown = InventoryDiffRenderer(format: .md, before: "old", after: "new").render(diff)
        #expect(markdown.contains("| removed | tool | `mail` |"))
        #expect(markdown.contains("3 changes."))
    }
}
