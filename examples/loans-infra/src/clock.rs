use std::time::{SystemTime, UNIX_EPOCH};

use loans_core::{Clock, Date};

/// Today according to the system clock, in UTC.
#[derive(Clone, Copy, Debug, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn today(&self) -> Date {
        let secs = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        Date::from_days(i32::try_from(secs / 86_400).unwrap_or(i32::MAX))
    }
}

/// Always the same day: to replay a scenario, or to pretend time has passed.
#[derive(Clone, Copy, Debug)]
pub struct FixedClock(pub Date);

impl Clock for FixedClock {
    fn today(&self) -> Date {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn system_clock_is_after_2024() {
        assert!(SystemClock.today() > Date::from_ymd(2024, 1, 1).unwrap());
        let day = Date::from_ymd(2030, 5, 6).unwrap();
        assert_eq!(FixedClock(day).today(), day);
    }
}
