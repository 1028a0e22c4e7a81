fn generic_param<T>(deps: &impl Any, arg: T) -> i32 {
    42
}
#[cfg_attr(
    test,
    ::entrait::__mock::unimock(
        prefix = ::entrait::__mock,
        api = [GenericParamMock],
        unmock_with = [generic_param::<T>]
    )
)]
trait GenericParam<T> {
    fn generic_param(&self, arg: T) -> i32;
}
impl<T, EntraitT> GenericParam<T> for ::entrait::Impl<EntraitT>
where
    ::entrait::Impl<EntraitT>: Any,
{
    fn generic_param(&self, arg: T) -> i32 {
        generic_param::<T>(self, arg)
    }
}
