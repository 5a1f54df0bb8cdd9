/// How old, or how far in the future, a message may be dated when it is opened.
///
/// A replayed message is caught by its id in the journal; the age limit also bounds how
/// long an old message stays usable against a team whose journal is new or lost, and the
/// skew limit allows for clocks that disagree by a few minutes.
public struct Freshness: Sendable, Hashable {
    /// `--max-age`, default 24 hours.
    public var maximumAge: TimeSpan
    /// `--clock-skew`, default 5 minutes.
    public var clockSkew: TimeSpan

    public static let defaultMaximumAge = TimeSpan.hours(24)
    public static let defaultClockSkew = TimeSpan.minutes(5)

    public init(maximumAge: TimeSpan = defaultMaximumAge, clockSkew: TimeSpan = defaultClockSkew) {
        self.maximumAge = maximumAge
        self.clockSkew = clockSkew
    }

    /// Throws `futureDated`, `stale` or `outsideWindow`, in that order.
    public func check(sent: Timestamp, now: Timestamp, roster: Roster) throws {
        if sent > now + clockSkew {
            throw ExerciseError.futureDated(sent: sent, now: now, clockSkew: clockSkew)
        }
        if now.seconds - sent.seconds > maximumAge.seconds {
            throw ExerciseError.stale(sent: sent, now: now, maximumAge: maximumAge)
        }
        if sent < roster.from - clockSkew || sent > roster.until + clockSkew {
            throw ExerciseError.outsideWindow(sent: sent, from: roster.from, until: roster.until)
        }
    }
}
