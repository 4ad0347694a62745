"""A realistic demo catalogue for `seed_demo`: ten categories, forty services, a price per car class."""

from decimal import ROUND_HALF_UP, Decimal

from catalogue import services
from catalogue.models import Category, Service
from garage.models import CarClass, FuelType

# Price for a hatchback times this gives the price for the class, rounded to ten rupees.
CLASS_FACTOR = {"Hatchback": "1.00", "Sedan": "1.15", "SUV": "1.35", "MUV": "1.30", "Luxury": "1.90"}

# category: [(title, hours, difficulty, hatchback price, warranty km, warranty months, works, symptoms, fuels)]
CATALOGUE = {
    ("Periodic Service", "Scheduled maintenance that keeps the car healthy"): [
        ("Basic Service", 3, 2, 2499, 1000, 1, ["Engine oil replacement", "Oil filter replacement", "Air filter cleaning", "Coolant top-up", "15-point check"], ["Service is due", "Engine feels sluggish", "Oil change due"], []),
        ("Standard Service", 4, 2, 3999, 1000, 1, ["Everything in Basic Service", "Air filter replacement", "Spark plug check", "Brake fluid top-up", "Wiper fluid top-up"], ["10,000 km service due", "Rough idling"], ["Petrol", "Diesel", "CNG"]),
        ("Comprehensive Service", 6, 3, 5999, 1000, 3, ["Everything in Standard Service", "Fuel filter replacement", "Spark plugs replacement", "Throttle body cleaning", "Brake pad cleaning"], ["Yearly service due", "Poor mileage", "Engine misfires"], ["Petrol", "Diesel", "CNG"]),
        ("EV Health Check", 2, 2, 1999, 500, 1, ["Battery health report", "Motor and inverter check", "Coolant check", "Brake check", "Software update check"], ["Range has dropped", "Charging is slow"], ["Electric"]),
    ],
    ("AC Service and Repair", "Cooling, heating and air quality"): [
        ("AC Gas Top-up", 2, 2, 1499, 1000, 3, ["Leak test", "Refrigerant top-up", "Cooling check"], ["AC not cooling", "AC blows warm air"], []),
        ("AC Full Service", 4, 3, 3499, 1000, 3, ["Condenser cleaning", "Cooling coil cleaning", "Refrigerant recharge", "Cabin filter replacement"], ["AC smells bad", "Weak airflow from vents", "AC not cooling enough"], []),
        ("Compressor Repair", 8, 5, 12999, 5000, 6, ["Compressor diagnosis", "Clutch and bearing repair", "Refrigerant recharge"], ["AC makes a grinding noise", "AC cools then stops"], []),
        ("Cabin Filter Replacement", 1, 1, 799, 5000, 3, ["Cabin air filter replacement", "Vent sanitisation"], ["Dusty smell from vents", "Allergies while driving"], []),
    ],
    ("Batteries", "Starting and charging"): [
        ("Battery Replacement", 1, 1, 5499, 0, 24, ["New battery fitted", "Terminal cleaning", "Charging system test"], ["Car does not start", "Engine cranks slowly", "Battery warning light"], ["Petrol", "Diesel", "CNG"]),
        ("Alternator Repair", 4, 4, 6999, 5000, 6, ["Alternator diagnosis", "Brush and regulator repair", "Belt check"], ["Battery keeps draining", "Headlights dim while driving"], ["Petrol", "Diesel", "CNG"]),
        ("Starter Motor Repair", 3, 3, 3999, 5000, 6, ["Starter motor overhaul", "Solenoid check", "Wiring check"], ["Clicking sound when starting", "Engine does not crank"], ["Petrol", "Diesel", "CNG"]),
        ("Jump Start and Battery Check", 1, 1, 499, 0, 0, ["Jump start", "Battery load test", "Terminal cleaning"], ["Car will not start in the morning"], []),
    ],
    ("Tyres and Wheels", "Grip, alignment and balance"): [
        ("Wheel Alignment", 1, 2, 799, 1000, 1, ["Computerised alignment", "Steering centring", "Tyre pressure check"], ["Car pulls to one side", "Car pulls to the left or right", "Steering wheel is off-centre", "Uneven tyre wear"], []),
        ("Wheel Balancing", 1, 2, 699, 1000, 1, ["Balancing of four wheels", "Weights replaced"], ["Steering wheel vibrates at speed", "Vibration above 80 km/h"], []),
        ("Tyre Replacement", 1, 1, 3999, 0, 12, ["Tyre fitted", "Balancing", "Old tyre disposal"], ["Tyre is worn out", "Tyre has a bulge", "Frequent punctures"], []),
        ("Puncture Repair", 1, 1, 299, 0, 0, ["Tubeless puncture repair", "Pressure check"], ["Flat tyre", "Tyre loses air"], []),
    ],
    ("Brakes", "Stopping safely"): [
        ("Front Brake Pads Replacement", 2, 2, 2299, 10000, 6, ["Front pads replaced", "Disc inspection", "Brake fluid top-up"], ["Brakes squeak", "Brakes make a grinding noise", "Car takes longer to stop"], []),
        ("Brake Disc Turning", 2, 3, 1999, 5000, 3, ["Disc skimming", "Pad bedding"], ["Brake pedal pulsates", "Steering shakes when braking"], []),
        ("Brake Fluid Replacement", 1, 2, 1199, 20000, 12, ["Brake fluid flush", "Bleeding of all lines"], ["Spongy brake pedal", "Brake warning light"], []),
        ("Handbrake Adjustment", 1, 1, 499, 1000, 1, ["Cable adjustment", "Lever check"], ["Handbrake does not hold on a slope"], []),
    ],
    ("Engine and Clutch", "Power, smoothness and gears"): [
        ("Clutch Overhaul", 8, 5, 8999, 10000, 6, ["Clutch plate, pressure plate and bearing replaced", "Flywheel check"], ["Clutch slips", "Hard to change gears", "Burning smell when climbing"], ["Petrol", "Diesel", "CNG"]),
        ("Engine Diagnostics", 1, 2, 999, 0, 0, ["OBD scan", "Fault code report", "Road test"], ["Check engine light is on", "Engine misfires", "Loss of power"], ["Petrol", "Diesel", "CNG"]),
        ("Timing Belt Replacement", 5, 4, 6499, 40000, 24, ["Timing belt and tensioner replaced", "Water pump check"], ["Ticking noise from engine", "Timing belt due at 60,000 km"], ["Petrol", "Diesel"]),
        ("Engine Decarbonisation", 2, 3, 2999, 5000, 3, ["Carbon cleaning of intake and chambers", "Injector cleaning"], ["Black smoke from exhaust", "Poor pickup", "Poor mileage"], ["Petrol", "Diesel"]),
    ],
    ("Suspension and Steering", "Comfort and control"): [
        ("Shock Absorber Replacement", 3, 3, 5999, 20000, 12, ["Front shock absorbers replaced", "Mount check"], ["Car bounces on bumps", "Knocking noise over speed breakers"], []),
        ("Suspension Inspection", 1, 2, 699, 0, 0, ["Links, bushes and joints checked", "Road test"], ["Clunking noise while turning", "Car sways on turns"], []),
        ("Steering Rack Repair", 5, 4, 7999, 10000, 6, ["Rack overhaul", "Tie rod ends", "Alignment"], ["Steering feels heavy", "Steering has play", "Knocking when turning the wheel"], []),
        ("Power Steering Fluid Service", 1, 1, 899, 10000, 6, ["Fluid flush", "Leak check"], ["Whining noise when steering"], ["Petrol", "Diesel", "CNG"]),
    ],
    ("Denting and Painting", "Bodywork that looks new"): [
        ("Bumper Repaint", 8, 3, 3499, 0, 12, ["Dent and scratch repair", "Primer and paint", "Polish"], ["Scratched bumper", "Faded paint"], []),
        ("Full Body Paint", 40, 5, 34999, 0, 12, ["Panel preparation", "Full repaint", "Clear coat", "Polish"], ["Paint is peeling", "Colour has faded all over"], []),
        ("Dent Removal per Panel", 6, 3, 2499, 0, 12, ["Paintless or conventional dent repair", "Paint matching"], ["Door dent", "Dent from a parking knock"], []),
        ("Rust Protection", 4, 2, 2999, 0, 12, ["Underbody anti-rust coating", "Wheel well coating"], ["Rust spots underneath", "Coastal driving"], []),
    ],
    ("Car Care and Detailing", "Clean inside and out"): [
        ("Interior Deep Cleaning", 4, 2, 1999, 0, 0, ["Vacuum and shampoo of seats and carpets", "Dashboard polish", "Odour treatment"], ["Car smells musty", "Stained seats"], []),
        ("Ceramic Coating", 16, 4, 14999, 0, 24, ["Paint correction", "Ceramic coat, two layers"], ["Paint looks dull", "Water does not bead on the paint"], []),
        ("Headlight Restoration", 2, 1, 999, 0, 6, ["Sanding and polishing of lenses", "UV coat"], ["Yellow headlights", "Weak light at night"], []),
        ("Windshield Replacement", 3, 3, 6999, 0, 12, ["Windshield replaced", "Sealant cure", "Leak test"], ["Cracked windshield", "Chipped glass spreading"], []),
    ],
    ("Electricals", "Lights, sensors and wiring"): [
        ("Headlight Bulb Replacement", 1, 1, 599, 0, 3, ["Bulb replaced", "Beam alignment"], ["Headlight not working", "One light is dim"], []),
        ("Wiring Diagnosis", 3, 4, 1499, 0, 0, ["Circuit tracing", "Fuse and relay check", "Repair quote"], ["Power windows stopped working", "Lights flicker", "Fuse keeps blowing"], []),
        ("Parking Sensor Installation", 3, 3, 2999, 0, 12, ["Four sensors fitted", "Display and buzzer"], ["Hard to judge distance when reversing"], []),
        ("Wiper Motor Repair", 2, 2, 1799, 5000, 6, ["Motor repair or replacement", "Linkage check"], ["Wipers do not move", "Wipers stop midway"], []),
    ],
}


def _class_price(base: int, factor: str) -> Decimal:
    return (Decimal(base) * Decimal(factor) / 10).quantize(Decimal(1), rounding=ROUND_HALF_UP) * 10


def seed_catalogue() -> None:
    classes = {car_class.name: car_class for car_class in CarClass.objects.all()}
    fuels = {fuel.name: fuel for fuel in FuelType.objects.all()}
    for (category_name, category_text), rows in CATALOGUE.items():
        category, _ = Category.objects.get_or_create(name=category_name, defaults={"description": category_text})
        for title, hours, difficulty, base, km, months, works, symptoms, fuel_names in rows:
            if Service.objects.filter(title=title).exists():
                continue
            services.service_create(
                title=title,
                description=f"{title}: {works[0].lower()} and more, by RevCare's trained mechanics.",
                category=category,
                works=works,
                symptoms=symptoms,
                warranty_km=km,
                warranty_months=months,
                time_hours=Decimal(hours),
                difficulty=difficulty,
                fuel_types=[fuels[name] for name in fuel_names],
                prices=[{"car_class": classes[name], "price": _class_price(base, factor)}
                        for name, factor in CLASS_FACTOR.items() if name in classes],
            )
