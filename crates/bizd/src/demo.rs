//! The demo business: deterministic data for trying bizd out. Seeded once, into an empty
//! database; the same ids and values on every fresh run.

use std::path::Path;

use bizd_domain::catalog::{CategoryFields, ServiceFields};
use bizd_domain::client::{ClientChanges, ClientFields};
use bizd_domain::location::{LocationChanges, LocationFields, SocialChanges};
use bizd_domain::money::Money;
use bizd_domain::staff::{PositionFields, TeamMemberFields};
use bizd_store::clients::NewFile;
use bizd_store::locations::ChainChoice;
use bizd_store::visits::{NewRecord, NewRecordService, NewVisit};
use bizd_store::{clients, services, team_members, Conn, Db};
use rust_decimal::Decimal;

use crate::bootstrap::{ensure_partner_token, ensure_user};

pub const PARTNER_TOKEN: &str = "bizd-demo-partner-token";
pub const LOGIN: &str = "owner@demo.bizd.local";
pub const PASSWORD: &str = "demo-password";
pub const MANAGER_LOGIN: &str = "manager@demo.bizd.local";

/// 2026-01-05T09:00:00Z: the demo's "now", so its timestamps do not change between runs.
const SEEDED_AT: i64 = 1_767_603_600;

struct DemoLocation {
    title: &'static str,
    city: &'static str,
    country: &'static str,
    timezone: &'static str,
    currency: &'static str,
    address: &'static str,
    lat: f64,
    lon: f64,
}

const NEW_YORK: DemoLocation = DemoLocation {
    title: "Bella Studio Manhattan",
    city: "New York",
    country: "United States",
    timezone: "America/New_York",
    currency: "USD",
    address: "New York, 787 Jackson Drive",
    lat: 40.73061,
    lon: -73.935242,
};

const LONDON: DemoLocation = DemoLocation {
    title: "Bella Studio Soho",
    city: "London",
    country: "United Kingdom",
    timezone: "Europe/London",
    currency: "GBP",
    address: "London, 12 Greek Street",
    lat: 51.5136,
    lon: -0.1318,
};

impl DemoLocation {
    fn fields(&self) -> LocationFields {
        LocationChanges {
            title: Some(self.title.into()),
            short_descr: Some("Beauty salon".into()),
            description: Some(format!("Demo location of bizd in {}.", self.city)),
            country: Some(self.country.into()),
            city: Some(self.city.into()),
            address: Some(self.address.into()),
            timezone_name: Some(self.timezone.into()),
            currency: Some(self.currency.into()),
            phone: Some("+13155550175".into()),
            email: Some(format!(
                "{}@demo.bizd.local",
                self.city.to_lowercase().replace(' ', "-")
            )),
            site: Some("demo.bizd.local".into()),
            coordinate_lat: Some(self.lat),
            coordinate_lon: Some(self.lon),
            social: SocialChanges {
                instagram: Some("instagram.com/bizd_demo/".into()),
                ..Default::default()
            },
            ..Default::default()
        }
        .apply(LocationFields::default(), true)
        .expect("demo location is valid")
    }
}

/// Seeds the demo business unless the database already holds data. Returns whether it seeded.
pub async fn seed(db: &Db, data_dir: &Path) -> anyhow::Result<bool> {
    ensure_partner_token(db, PARTNER_TOKEN, "demo", SEEDED_AT).await?;
    if bizd_store::locations::chain_count(&mut db.read().await?).await? > 0 {
        return Ok(false);
    }
    let owner = ensure_user(db, LOGIN, PASSWORD, "Demo Owner", SEEDED_AT).await?;
    let manager = ensure_user(db, MANAGER_LOGIN, PASSWORD, "Demo Manager", SEEDED_AT).await?;
    // The business in one transaction: a failed seed leaves nothing half made.
    let mut c = db.write().await?;
    let new_york = NEW_YORK.fields();
    let london = LONDON.fields();
    let first = bizd_store::locations::insert(
        &mut c,
        &new_york,
        ChainChoice::New("Bella Studio".into()),
        owner,
        SEEDED_AT,
    )
    .await?;
    let chain = bizd_store::locations::get(&mut c, first)
        .await?
        .map(|l| l.chain_id)
        .expect("just created");
    let second = bizd_store::locations::insert(
        &mut c,
        &london,
        ChainChoice::Existing(chain),
        owner,
        SEEDED_AT,
    )
    .await?;
    bizd_store::auth::upsert_membership(&mut c, manager, second, "manager", SEEDED_AT).await?;
    seed_catalog(&mut c, chain, first, second).await?;
    seed_inventory(&mut c, first).await?;
    seed_schedules(&mut c, &[first, second]).await?;
    let new_york_clients = seed_clients(&mut c, data_dir, first, owner, &NEW_YORK_CLIENTS).await?;
    let london_clients = seed_clients(&mut c, data_dir, second, owner, &LONDON_CLIENTS).await?;
    seed_appointments(
        &mut c,
        first,
        owner,
        &new_york_clients,
        &NEW_YORK_APPOINTMENTS,
    )
    .await?;
    seed_appointments(&mut c, second, owner, &london_clients, &LONDON_APPOINTMENTS).await?;
    c.commit().await?;
    Ok(true)
}

/// (name, surname, phone, email, importance, tag index or none, comment)
type DemoClient = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    i64,
    Option<usize>,
    &'static str,
);

const NEW_YORK_CLIENTS: [DemoClient; 6] = [
    (
        "James",
        "Smith",
        "+13155550177",
        "james.smith@example.com",
        3,
        Some(0),
        "Prefers morning appointments.",
    ),
    (
        "Olivia",
        "Johnson",
        "+13155550178",
        "olivia.j@example.com",
        2,
        Some(1),
        "Allergic to latex gloves.",
    ),
    ("Liam", "Williams", "+13155550179", "", 0, None, ""),
    (
        "Emma",
        "Brown",
        "+13155550180",
        "emma.brown@example.com",
        1,
        Some(1),
        "Birthday discount promised.",
    ),
    ("Noah", "Jones", "+13155550181", "", 0, None, ""),
    (
        "Ava",
        "Garcia",
        "+13155550182",
        "ava.garcia@example.com",
        3,
        Some(0),
        "Always books with the same stylist.",
    ),
];

const LONDON_CLIENTS: [DemoClient; 3] = [
    (
        "Oliver",
        "Taylor",
        "+447700900101",
        "oliver.taylor@example.co.uk",
        2,
        Some(0),
        "Pays by card only.",
    ),
    ("Amelia", "Davies", "+447700900102", "", 0, None, ""),
    (
        "Harry",
        "Evans",
        "+447700900103",
        "harry.evans@example.co.uk",
        1,
        Some(1),
        "Sensitive scalp.",
    ),
];

async fn seed_clients(
    c: &mut Conn<'_>,
    data_dir: &Path,
    location: i64,
    author: i64,
    clients: &[DemoClient],
) -> anyhow::Result<Vec<i64>> {
    let mut ids = Vec::new();
    let tags = [
        clients::insert_tag(c, location, "VIP", "#e8d313", SEEDED_AT).await?,
        clients::insert_tag(c, location, "Regular", "#009800", SEEDED_AT).await?,
    ];
    for (i, (name, surname, phone, email, importance, tag, comment)) in clients.iter().enumerate() {
        let fields = ClientChanges {
            name: Some((*name).into()),
            surname: Some((*surname).into()),
            phone: Some((*phone).into()),
            email: Some((*email).into()),
            importance_id: Some(*importance),
            spent: Some(Decimal::from(150 * (i as i64 + 1))),
            tag_ids: Some(tag.map(|t| vec![tags[t]]).unwrap_or_default()),
            ..Default::default()
        }
        .apply(ClientFields::default(), true)
        .expect("demo client is valid");
        let id = clients::insert(c, location, &fields, SEEDED_AT).await?;
        ids.push(id);
        seed_visits(c, location, id, i).await?;
        if !comment.is_empty() {
            clients::insert_comment(c, location, id, author, "default", comment, SEEDED_AT).await?;
        }
        if i == 0 {
            let storage_path = format!("client-files/{location}/demo-consent-{id}.txt");
            let bytes = format!("Consent form of {name} {surname} (demo file).\n");
            let target = data_dir.join(&storage_path);
            if let Some(dir) = target.parent() {
                tokio::fs::create_dir_all(dir).await?;
            }
            tokio::fs::write(&target, &bytes).await?;
            let file = NewFile {
                name: "consent-form.txt".into(),
                description: "Signed consent form".into(),
                extension: "txt".into(),
                mime: "text/plain".into(),
                size: bytes.len() as i64,
                storage_path,
            };
            clients::insert_file(c, location, id, author, &file, SEEDED_AT).await?;
        }
    }
    Ok(ids)
}

/// A team member of the demo: name, specialization, position index, weight.
type DemoMember = (&'static str, &'static str, usize, i64);
/// A demo service: title, category index, price min and max in hundredths, duration, and
/// (team member index, seance length) links.
type DemoService = (&'static str, usize, i64, i64, i64, &'static [(usize, i64)]);

const POSITIONS: [&str; 2] = ["Senior Stylist", "Colourist"];
const CATEGORIES: [(&str, i64); 2] = [("Haircuts", 10), ("Colouring", 5)];

const NEW_YORK_TEAM: [DemoMember; 3] = [
    ("Emma Johnson", "Hair stylist", 0, 30),
    ("Liam Smith", "Barber", 0, 20),
    ("Olivia Brown", "Colour specialist", 1, 10),
];
const NEW_YORK_SERVICES: [DemoService; 4] = [
    (
        "Women's haircut",
        0,
        6500,
        6500,
        3600,
        &[(0, 3600), (1, 4500)],
    ),
    (
        "Men's haircut",
        0,
        4000,
        4000,
        1800,
        &[(0, 2700), (1, 1800)],
    ),
    ("Full colour", 1, 12000, 18000, 7200, &[(2, 7200)]),
    ("Highlights", 1, 15050, 15050, 5400, &[(0, 6300), (2, 5400)]),
];
const LONDON_TEAM: [DemoMember; 2] = [
    ("Amelia Clarke", "Hair stylist", 0, 20),
    ("Oliver Wright", "Colour specialist", 1, 10),
];
const LONDON_SERVICES: [DemoService; 2] = [
    (
        "Cut & blow dry",
        0,
        5500,
        5500,
        3600,
        &[(0, 3600), (1, 4500)],
    ),
    ("Balayage", 1, 16000, 22000, 9000, &[(1, 9000)]),
];

/// Positions (chain-wide), team members, categories, services and links for both locations.
async fn seed_catalog(
    c: &mut Conn<'_>,
    chain: i64,
    new_york: i64,
    london: i64,
) -> anyhow::Result<()> {
    let mut positions = Vec::new();
    for title in POSITIONS {
        let fields = PositionFields {
            title: title.into(),
            api_id: String::new(),
        };
        positions
            .push(team_members::insert_position(c, chain, new_york, &fields, SEEDED_AT).await?);
    }
    for (location, team, services) in [
        (new_york, &NEW_YORK_TEAM[..], &NEW_YORK_SERVICES[..]),
        (london, &LONDON_TEAM[..], &LONDON_SERVICES[..]),
    ] {
        let mut members = Vec::new();
        for (name, specialization, position, weight) in team {
            let fields = TeamMemberFields {
                name: (*name).into(),
                specialization: (*specialization).into(),
                position_id: Some(positions[*position]),
                weight: *weight,
                has_access_timetable: true,
                ..TeamMemberFields::default()
            };
            members.push(team_members::insert(c, location, &fields, SEEDED_AT).await?);
        }
        let mut categories = Vec::new();
        for (title, weight) in CATEGORIES {
            let fields = CategoryFields {
                title: title.into(),
                api_id: String::new(),
                weight,
            };
            categories.push(services::insert_category(c, location, &fields, &[], SEEDED_AT).await?);
        }
        for (i, (title, category, min, max, duration, links)) in services.iter().enumerate() {
            // Listed in the order declared: heavier first.
            let weight = (services.len() - i) as i64;
            let fields = ServiceFields {
                category_id: categories[*category],
                title: (*title).into(),
                price_min: Money::from_minor(*min),
                price_max: Money::from_minor(*max),
                duration: *duration,
                weight,
                ..ServiceFields::default()
            };
            let staff: Vec<(i64, i64)> = links
                .iter()
                .map(|(member, length)| (members[*member], *length))
                .collect();
            services::insert(c, location, &fields, &staff, SEEDED_AT).await?;
        }
    }
    Ok(())
}

/// (title, article, barcode, category index, sale unit, write-off unit, units per sale unit
/// (thousandths), price, cost price (minor units), arrival into the sales storage and into the
/// consumables storage (sale units))
type DemoProduct = (
    &'static str,
    &'static str,
    &'static str,
    usize,
    i64,
    i64,
    i64,
    i64,
    i64,
    i64,
    i64,
);

const PRODUCT_CATEGORIES: [&str; 2] = ["Hair care", "Styling"];

const PRODUCTS: [DemoProduct; 4] = [
    (
        "Repair shampoo",
        "BS-SH-250",
        "0850012345017",
        0,
        1,
        4,
        250_000,
        1800,
        700,
        12,
        4,
    ),
    (
        "Silk conditioner",
        "BS-CO-250",
        "0850012345024",
        0,
        1,
        4,
        250_000,
        2000,
        800,
        8,
        2,
    ),
    (
        "Strong hold spray",
        "BS-SP-300",
        "0850012345031",
        1,
        1,
        4,
        300_000,
        1500,
        550,
        6,
        0,
    ),
    (
        "Color cream",
        "BS-CC-060",
        "0850012345048",
        0,
        1,
        2,
        60_000,
        0,
        450,
        0,
        20,
    ),
];

/// The New York location's retail catalog: two product categories, four products, an arrival
/// document per storage, and a bill of materials on its first service (a wash with shampoo
/// and conditioner), so completed demo visits write their consumables off.
async fn seed_inventory(c: &mut Conn<'_>, location: i64) -> anyhow::Result<()> {
    use bizd_domain::inventory::doc_type;
    use bizd_store::inventory::{cards, documents, storages, transactions};
    use bizd_store::products;

    let mut categories = Vec::new();
    for title in PRODUCT_CATEGORIES {
        let f = products::CategoryFields {
            title: title.into(),
            ..products::CategoryFields::default()
        };
        categories.push(products::insert_category(c, location, &f, SEEDED_AT).await?);
    }
    let all = storages::list(c, location).await?;
    let sales = all.iter().find(|s| s.for_sale).expect("a sales storage").id;
    let consumables = all
        .iter()
        .find(|s| s.for_services)
        .expect("a consumables storage")
        .id;
    let mut ids = Vec::new();
    for (title, article, barcode, category, sale, service, ratio, cost, actual, ..) in PRODUCTS {
        let f = products::ProductFields {
            category_id: categories[category],
            title: title.into(),
            print_title: title.into(),
            article: article.into(),
            barcode: barcode.into(),
            sale_unit_id: sale,
            service_unit_id: service,
            unit_equals: ratio,
            cost,
            actual_cost: actual,
            critical_amount: 2_000,
            desired_amount: 10_000,
            ..products::ProductFields::default()
        };
        ids.push(products::insert(c, location, &f, SEEDED_AT).await?);
    }
    for (storage, column) in [(sales, 0), (consumables, 1)] {
        let doc = documents::insert(
            c,
            location,
            &documents::DocumentFields {
                type_id: doc_type::ARRIVAL,
                storage_id: storage,
                comment: "Opening stock from the distributor".into(),
                date: SEEDED_AT - 14 * 86_400,
            },
            None,
            SEEDED_AT,
        )
        .await?;
        for (i, p) in PRODUCTS.iter().enumerate() {
            let amount = if column == 0 { p.9 } else { p.10 } * 1000;
            if amount == 0 {
                continue;
            }
            let line = transactions::NewTransaction {
                document_id: doc,
                product_id: ids[i],
                storage_id: storage,
                type_id: doc_type::ARRIVAL,
                operation_unit_type: 1,
                amount,
                service_amount: amount / 1000 * p.6,
                cost_per_unit: p.8,
                cost: amount / 1000 * p.8,
                date: SEEDED_AT - 14 * 86_400,
                ..transactions::NewTransaction::default()
            };
            transactions::insert(c, location, &line, None, SEEDED_AT).await?;
        }
    }
    let first_service = services::links_of_location(c, location)
        .await?
        .into_keys()
        .next()
        .expect("a demo service");
    let card = cards::CardFields {
        title: "Wash and care".into(),
        service_id: Some(first_service),
        team_member_id: None,
        items: vec![(ids[0], consumables, 15_000), (ids[1], consumables, 10_000)],
    };
    cards::insert(c, location, &card, SEEDED_AT).await?;
    Ok(())
}

/// Past visits of a demo client: one a week before the demo's "now" per earlier client index,
/// paid in full, in part (half, by card) and not at all in turn, each payment a real
/// transaction in one of the location's accounts, so the visit history, the books and the
/// receipts have something to show.
async fn seed_visits(
    c: &mut Conn<'_>,
    location: i64,
    client: i64,
    index: usize,
) -> anyhow::Result<()> {
    // A real service and a team member who provides it, from the demo catalog.
    let links = services::links_of_location(c, location).await?;
    let Some(link) = links.values().flatten().nth(index % 2) else {
        return Ok(());
    };
    let service = services::get(c, location, link.service_id)
        .await?
        .expect("linked service exists");
    for week in 0..(index as i64 % 3 + 1) {
        let at = SEEDED_AT - (week + 1) * 7 * 86_400;
        let price = link.price_min.unwrap_or(service.fields.price_min);
        let visit = NewVisit {
            client_id: client,
            attendance: 1,
            starts_at: at,
            records: vec![NewRecord {
                team_member_id: Some(link.team_member_id),
                starts_at: at,
                length: link.seance_length,
                attendance: 1,
                comment: String::new(),
                services: vec![NewRecordService {
                    service_id: service.id,
                    title: service.fields.title.clone(),
                    first_cost: price,
                    discount_percent: 0,
                    cost_to_pay: price,
                    paid_sum: Money::ZERO,
                }],
            }],
        };
        let visit_id = bizd_store::visits::insert(c, location, &visit, SEEDED_AT).await?;
        // The first client's last visit also sold them a product, paid with the service.
        let sold = if index == 0 && week == 0 {
            sell_in_visit(c, location, visit_id, client, link.team_member_id, at).await?
        } else {
            0
        };
        // week 0: paid in cash; week 1: half by card; week 2: not paid.
        let accounts = bizd_store::payments::accounts::list(c, location).await?;
        let (amount, account) = match week {
            0 => (price.minor() + sold, accounts.iter().find(|a| a.kind == 0)),
            1 => (price.minor() / 2, accounts.iter().find(|a| a.kind == 1)),
            _ => (0, None),
        };
        let doc = bizd_store::sales::of_visits(c, &[visit_id]).await?.pop();
        if let (Some(account), Some(doc), true) = (account, doc, amount > 0) {
            let record_id = bizd_store::sales::lines(c, visit_id)
                .await?
                .first()
                .map(|l| l.record_id);
            let t = bizd_store::payments::transactions::NewTransaction {
                account_id: account.id,
                document_id: Some(doc.id),
                visit_id: Some(visit_id),
                record_id,
                expense_id: bizd_domain::checkout::EXPENSE_SERVICES,
                amount,
                client_id: Some(client),
                team_member_id: Some(link.team_member_id),
                supplier_id: 0,
                comment: String::new(),
                date: at + link.seance_length,
            };
            bizd_store::payments::transactions::insert(c, location, &t, None, SEEDED_AT).await?;
            bizd_store::sales::settle_payments(c, visit_id, SEEDED_AT).await?;
        }
    }
    Ok(())
}

/// Sells one unit of the location's first product (by title), if it has one, into the visit's
/// sale document from the sales storage; returns its price (minor units).
async fn sell_in_visit(
    c: &mut Conn<'_>,
    location: i64,
    visit_id: i64,
    client: i64,
    team_member: i64,
    at: i64,
) -> anyhow::Result<i64> {
    use bizd_domain::inventory::doc_type;
    use bizd_store::inventory::{documents, storages, transactions};
    let filter = bizd_store::products::ProductFilter::default();
    let (products, _) = bizd_store::products::list(c, location, &filter, 0, 1).await?;
    let (Some(product), Some(storage), Some(doc)) = (
        products.first(),
        storages::for_sale(c, location).await?,
        documents::of_visit(c, visit_id).await?,
    ) else {
        return Ok(0);
    };
    let line = transactions::NewTransaction {
        document_id: doc,
        product_id: product.id,
        storage_id: storage.id,
        type_id: doc_type::SALE,
        operation_unit_type: 1,
        amount: -1000,
        service_amount: bizd_domain::inventory::to_service_units(-1000, 1, product.unit_equals)
            .unwrap_or(0),
        cost_per_unit: product.cost,
        cost: product.cost,
        client_id: Some(client),
        team_member_id: Some(team_member),
        date: at,
        ..transactions::NewTransaction::default()
    };
    transactions::insert(c, location, &line, None, SEEDED_AT).await?;
    bizd_store::sales::refresh_cost(c, visit_id, SEEDED_AT).await?;
    Ok(product.cost)
}

/// Working hours of every demo team member for the week from the demo's "now" (Monday
/// 2026-01-05): weekdays 10:00–14:00 and 15:00–19:00, Saturday 10:00–16:00, Sunday off.
async fn seed_schedules(c: &mut Conn<'_>, locations: &[i64]) -> anyhow::Result<()> {
    const WEEKDAY: &[(i64, i64)] = &[(10 * 3600, 14 * 3600), (15 * 3600, 19 * 3600)];
    const SATURDAY: &[(i64, i64)] = &[(10 * 3600, 16 * 3600)];
    let week = [
        ("2026-01-05", WEEKDAY),
        ("2026-01-06", WEEKDAY),
        ("2026-01-07", WEEKDAY),
        ("2026-01-08", WEEKDAY),
        ("2026-01-09", WEEKDAY),
        ("2026-01-10", SATURDAY),
    ];
    for &location in locations {
        for member in team_members::live_ids(c, location).await? {
            for (date, hours) in week {
                bizd_store::schedules::set_day(c, location, member, date, hours).await?;
            }
        }
    }
    Ok(())
}

/// A demo appointment: local date and time, team member index, service index (both in the
/// order declared above), client index, attendance (1 arrived, -1 no-show, 0 waiting), and
/// whether it is then cancelled (deleted).
type DemoAppointment = (&'static str, &'static str, usize, usize, usize, i64, bool);

/// The demo week's appointments in New York, inside the working hours of `seed_schedules`, each
/// with a service its team member provides.
const NEW_YORK_APPOINTMENTS: [DemoAppointment; 11] = [
    ("2026-01-05", "10:00", 0, 0, 0, 1, false),
    ("2026-01-05", "11:00", 0, 3, 1, 1, false),
    ("2026-01-05", "10:00", 1, 1, 2, -1, false),
    ("2026-01-05", "15:00", 2, 2, 3, 1, false),
    // The same client twice on one day: one visit with two appointments.
    ("2026-01-05", "17:00", 1, 1, 3, 1, false),
    ("2026-01-06", "10:30", 1, 0, 5, 1, false),
    ("2026-01-06", "12:00", 2, 3, 0, 0, true),
    ("2026-01-06", "16:00", 0, 1, 4, 0, false),
    ("2026-01-07", "10:00", 2, 2, 5, 0, false),
    ("2026-01-08", "15:00", 0, 0, 1, 0, false),
    ("2026-01-10", "11:00", 0, 3, 3, 0, false),
];
const LONDON_APPOINTMENTS: [DemoAppointment; 4] = [
    ("2026-01-05", "10:00", 0, 0, 0, 1, false),
    ("2026-01-05", "15:00", 1, 1, 1, 1, false),
    ("2026-01-06", "11:00", 0, 0, 2, -1, false),
    ("2026-01-07", "10:00", 1, 0, 0, 0, false),
];

/// Books the demo appointments through the booking rules the API uses (`rules::book`: the
/// conflict and working-hours checks, the client's visit of the day, visit and client counters),
/// in the seeding transaction; a cancelled one is then deleted as `DELETE /record` does.
async fn seed_appointments(
    c: &mut Conn<'_>,
    location_id: i64,
    author: i64,
    clients: &[i64],
    appointments: &[DemoAppointment],
) -> anyhow::Result<()> {
    use crate::sections::appointments::rules::{self, ClientRef, Draft, ServiceRequest};
    use bizd_store::appointments::{visits, write};

    let location = bizd_store::locations::get(c, location_id)
        .await?
        .expect("just created");
    let members = team_members::live_ids(c, location_id).await?;
    // Every demo service has a team member: the link map's keys are the services, in the
    // order they were declared.
    let services: Vec<i64> = services::links_of_location(c, location_id)
        .await?
        .into_keys()
        .collect();
    for &(date, time, member, service, client, attendance, cancelled) in appointments {
        let starts_at =
            bizd_domain::time::parse_instant(&format!("{date}T{time}:00"), &location.tz)
                .expect("valid demo time");
        let draft = Draft {
            team_member_id: members[member],
            services: vec![ServiceRequest {
                id: services[service],
                first_cost: None,
                discount: None,
                cost: None,
                amount: 1,
            }],
            client: ClientRef::Id(clients[client]),
            starts_at,
            seance_length: None,
            attendance,
            confirmed: 1,
            comment: String::new(),
            api_id: String::new(),
            custom_color: String::new(),
            sms_remain_hours: None,
            email_remain_hours: None,
            technical_break_duration: 0,
            save_if_busy: false,
            origin: None,
        };
        let ids = [services[service]];
        let resources = bizd_store::schedules::resources_of_services(c, location_id, &ids).await?;
        c.lock(&rules::locks(location_id, &draft, None, &resources))
            .await?;
        let id = rules::book(
            c,
            &location,
            draft,
            &resources,
            None,
            Some(author),
            SEEDED_AT,
        )
        .await?;
        if cancelled {
            let visit = rules::existing(c, location_id, id).await?.row.visit_id;
            write::delete(c, location_id, id, SEEDED_AT).await?;
            visits::settle(c, &[visit], SEEDED_AT).await?;
        }
    }
    Ok(())
}
