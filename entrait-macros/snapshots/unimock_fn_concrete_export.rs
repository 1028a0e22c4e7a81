fn get(config: &Config) -> u32 {
    0
}
#[::entrait::__mock::unimock(prefix = ::entrait::__mock, api = [GetMock])]
trait Get {
    fn get(&self) -> u32;
}
impl Get for Config {
    fn get(&self) -> u32 {
        get(self)
    }
}
impl<T: Get> Get for ::entrait::Impl<T> {
    fn get(&self) -> u32 {
        <T as Get>::get(self)
    }
}
