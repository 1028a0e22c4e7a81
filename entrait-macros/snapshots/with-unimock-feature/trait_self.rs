#[cfg_attr(test, ::entrait::__mock::unimock(prefix = ::entrait::__mock))]
pub trait Clock {
    fn now(&self) -> u64;
}
impl<T: Clock> Clock for ::entrait::Impl<T> {
    fn now(&self) -> u64 {
        <T as Clock>::now(self)
    }
}
