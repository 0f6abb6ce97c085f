from common.breadcrumbs import trail


def test_a_trail_starts_at_home_and_flattens_the_units_up_the_tree():
    units = [("Tỉnh Tiền Giang", None), ("Xã Tân Mỹ Chánh", "/dia-ban/7/")]
    crumbs = trail(units, ("Ấp Tân Thuận", None))
    assert crumbs[0][1] == "/" and crumbs[1:] == [*units, ("Ấp Tân Thuận", None)]
    assert trail(("Thư", "/thu/"), home=False) == [("Thư", "/thu/")]
