import Testing

@testable import InventoryKit

@Suite struct MarkingTests {
    @Test func canonicalNamesRoundTrip() {
        for scheme in MarkingScheme.allCases {
            for level in scheme.levels {
                let text = "\(scheme.rawValue):\(level)"
                #expect(Marking(text)?.description == text)
            }
        }
    }

    @Test func ordersWithinAScale() throws {
        let amber = try #require(Marking("TLP:AMBER"))
        let strict = try #require(Marking("TLP:AMBER+STRICT"))
        let red = try #require(Marking("TLP:RED"))
        #expect(strict.isAtLeast(amber) == true)
        #expect(amber.isAtLeast(strict) == false)
        #expect(red.isAtLeast(strict) == true)
        #expect(amber.isAtLeast(amber) == true)
    }

    @Test func refusesToOrderAcrossScales() throws {
        let tlp = try #require(Marking("TLP:RED"))
        let eu = try #require(Marking("EU:RESTRICTED"))
        #expect(tlp.isAtLeast(eu) == nil)
        #expect(!tlp.isComparable(with: eu))
    }

    @Test func acceptsOfficialNames() {
        #expect(Marking("RESTREINT UE/EU RESTRICTED")?.description == "EU:RESTRICTED")
        #expect(Marking("SECRET UE/EU SECRET")?.description == "EU:SECRET")
        #expect(Marking("NATO SECRET")?.description == "NATO:SECRET")
        #expect(Marking("COSMIC TOP SECRET")?.description == "NATO:COSMIC-TOP-SECRET")
        #expect(Marking("TLP:WHITE")?.description == "TLP:CLEAR")
    }

    @Test func rejectsUnknownMarkings() {
        #expect(Marking("TLP:PURPLE") == nil)
        #expect(Marking("tlp:amber") == nil)
        #expect(Marking("EU:RESTREINT") == nil)
        #expect(Marking("") == nil)
    }
}
