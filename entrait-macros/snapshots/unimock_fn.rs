fn foo(deps: &impl Bar, x: u32) -> u32 {
    todo!()
}
#[cfg_attr(
    test,
    ::entrait::__mock::unimock(
        prefix = ::entrait::__mock,
        api = [FooMock],
        unmock_with = [foo]
    )
)]
trait Foo {
    fn foo(&self, x: u32) -> u32;
}
impl<T> Foo for ::entrait::Impl<T>
where
    ::entrait::Impl<T>: Bar,
{
    fn foo(&self, x: u32) -> u32 {
        foo(self, x)
    }
}
