use entrait::entrait;

#[entrait(ConnectionImpl, delegate_by = DelegateConnection)]
pub trait Connection {
    fn close(self);
}

fn main() {}
