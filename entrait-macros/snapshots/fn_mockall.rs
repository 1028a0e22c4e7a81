fn foo<D: Bar>(deps: &D) -> u32 {
    todo!()
}
#[cfg_attr(test, ::mockall::automock)]
trait Foo {
    fn foo(&self) -> u32;
}
impl<T> Foo for ::entrait::Impl<T>
where
    ::entrait::Impl<T>: Bar,
{
    fn foo(&self) -> u32 {
        foo(self)
    }
}
