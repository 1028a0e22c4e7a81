fn get_foo(config: &Config) -> &str {
    &config.foo
}
pub trait GetFoo {
    fn get_foo(&self) -> &str;
}
impl GetFoo for Config {
    fn get_foo(&self) -> &str {
        get_foo(self)
    }
}
impl<T: GetFoo> GetFoo for ::entrait::Impl<T> {
    fn get_foo(&self) -> &str {
        <T as GetFoo>::get_foo(self)
    }
}
