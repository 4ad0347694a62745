"""Demo places and cars for `seed_demo` (Chennai and Bengaluru garages' everyday cars)."""

from garage.models import Area, CarClass, CarModel, Content, FuelType, Manufacturer

AREAS = [("Adyar", "600020"), ("Anna Nagar", "600040"), ("T. Nagar", "600017"), ("Velachery", "600042"),
         ("Koramangala", "560034"), ("Indiranagar", "560038"), ("Whitefield", "560066")]

FUEL_TYPES = ["Petrol", "Diesel", "CNG", "Electric"]

CAR_CLASSES = [("Hatchback", "Small cars: Swift, i20, Tiago"), ("Sedan", "Dzire, City, Verna"),
               ("SUV", "Creta, Nexon, XUV700, Scorpio"), ("MUV", "Ertiga, Innova, Carens"),
               ("Luxury", "Premium and imported cars")]

# (manufacturer, model, fuel, class, year)
CAR_MODELS = [
    ("Maruti Suzuki", "Swift", "Petrol", "Hatchback", 2022), ("Maruti Suzuki", "Baleno", "Petrol", "Hatchback", 2023),
    ("Maruti Suzuki", "Dzire", "CNG", "Sedan", 2021), ("Maruti Suzuki", "Ertiga", "Petrol", "MUV", 2022),
    ("Maruti Suzuki", "Brezza", "Petrol", "SUV", 2023), ("Hyundai", "i20", "Petrol", "Hatchback", 2021),
    ("Hyundai", "Verna", "Petrol", "Sedan", 2023), ("Hyundai", "Creta", "Diesel", "SUV", 2022),
    ("Hyundai", "Venue", "Petrol", "SUV", 2020), ("Tata", "Tiago", "Petrol", "Hatchback", 2020),
    ("Tata", "Nexon", "Diesel", "SUV", 2022), ("Tata", "Nexon EV", "Electric", "SUV", 2023),
    ("Tata", "Punch", "Petrol", "SUV", 2023), ("Mahindra", "XUV700", "Diesel", "SUV", 2023),
    ("Mahindra", "Scorpio-N", "Diesel", "SUV", 2022), ("Honda", "City", "Petrol", "Sedan", 2021),
    ("Honda", "Amaze", "Diesel", "Sedan", 2019), ("Toyota", "Innova Crysta", "Diesel", "MUV", 2021),
    ("Toyota", "Glanza", "Petrol", "Hatchback", 2022), ("Kia", "Seltos", "Diesel", "SUV", 2023),
    ("Kia", "Carens", "Petrol", "MUV", 2023), ("BMW", "3 Series", "Petrol", "Luxury", 2022),
]

CONTENT = [
    ("home-banner", "Servicing at your doorstep", "We collect your car, fix it and bring it back. Book in two minutes."),
    ("offers-banner", "Monsoon check-up: 20% off", "Wipers, brakes, tyres and lights checked before the rains."),
    ("terms", "Terms of service", "Bookings, cancellations and payments follow the rules shown at each step."),
    ("privacy", "Privacy", "We keep your details only to service your car and never sell them."),
]


def seed_places_and_cars() -> None:
    for name, pincode in AREAS:
        Area.objects.get_or_create(name=name, pincode=pincode)
    fuels = {name: FuelType.objects.get_or_create(name=name)[0] for name in FUEL_TYPES}
    classes = {name: CarClass.objects.get_or_create(name=name, defaults={"description": text})[0]
               for name, text in CAR_CLASSES}
    for maker, model, fuel, car_class, year in CAR_MODELS:
        manufacturer, _ = Manufacturer.objects.get_or_create(name=maker)
        CarModel.objects.get_or_create(manufacturer=manufacturer, name=model, fuel_type=fuels[fuel], year=year,
                                       defaults={"car_class": classes[car_class]})
    for slug, title, body in CONTENT:
        Content.objects.get_or_create(slug=slug, defaults={"title": title, "body": body})
